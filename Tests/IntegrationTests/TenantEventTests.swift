import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// tenant-svc writes its events to the outbox with each change, and the relay publishes them.
final class TenantEventTests: XCTestCase {
    private func events(of tenant: UUID, redisURL: String) throws -> [EventEnvelope] {
        let redis = RedisClient(url: redisURL, logger: Logger(label: "test", level: .error))
        defer { redis.close() }
        guard case .array(let entries) = try redis.command(["XRANGE", EventStreams.main, "-", "+"]) else { return [] }
        return entries.compactMap { entry -> EventEnvelope? in
            guard case .array(let parts) = entry, parts.count == 2, case .array(let fields) = parts[1] else { return nil }
            let texts = fields.compactMap(\.text)
            guard let index = texts.firstIndex(of: "envelope"), index + 1 < texts.count else { return nil }
            return try? EventEnvelope(jsonText: texts[index + 1])
        }.filter { $0.tenantID == tenant }
    }

    func testCreationAndSuspensionArePublished() throws {
        let platform = try PlatformHarness.load()
        let redisURL = try platform.variable("COMMERCE_TEST_REDIS_URL")
        let shop = try platform.createShop(prefix: "events")
        let admin = try platform.adminToken()
        XCTAssertEqual(try platform.send(.post, "/api/v1/admin/tenants/\(shop.id)/suspend", host: platform.adminHost, token: admin).status, 200)

        var published: [EventEnvelope] = []
        for _ in 0..<50 where published.count < 2 {
            published = try events(of: shop.id, redisURL: redisURL)
            if published.count < 2 { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertEqual(published.map(\.type), ["tenant.created", "tenant.updated"])
        guard case .object(let data)? = published.last?.data else { return XCTFail("no tenant.updated payload") }
        XCTAssertEqual(data["status"], .string("suspended"))
        XCTAssertEqual(data["subdomain"], .string(shop.subdomain))
    }

    func testCatalogChangesArePublished() throws {
        let platform = try PlatformHarness.load()
        let redisURL = try platform.variable("COMMERCE_TEST_REDIS_URL")
        let shop = try platform.createShop(prefix: "cat-events", plan: "enterprise")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Event Kantha"))

        var types: [String] = []
        for _ in 0..<50 where !types.contains("product.created") {
            types = try events(of: shop.id, redisURL: redisURL).map(\.type)
            if !types.contains("product.created") { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertTrue(types.contains("product.created"), "events of the shop: \(types)")
    }
}
