import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Pushed cache versions across catalog-svc processes: extra instances next to the platform's
/// catalog-svc, on the same database.
final class CatalogVersionFeedTests: XCTestCase {
    private func read(
        _ platform: PlatformHarness, _ instance: CatalogInstance, _ path: String, shop: Shop
    ) throws -> PlatformHarness.Reply {
        let reply = try platform.send(.get, path, host: shop.host, base: instance.baseURL)
        XCTAssertEqual(reply.status, 200, reply.text)
        return reply
    }

    private func rename(
        _ platform: PlatformHarness, _ productID: String, to title: String, shop: Shop, through instance: CatalogInstance? = nil
    ) throws {
        let patched = try platform.send(
            .patch, "/api/v1/products/\(productID)", host: shop.host, token: shop.ownerToken,
            body: Array(try JSONSerialization.data(withJSONObject: ["title": title])), base: instance?.baseURL)
        XCTAssertEqual(patched.status, 200, patched.text)
    }

    func testWriteElsewhereVisibleOnNextRead() throws {
        let platform = try PlatformHarness.load()
        let second = try CatalogInstance(platform: platform, redisURL: try platform.variable("COMMERCE_TEST_REDIS_URL"))
        defer { second.stop() }
        try second.waitForSubscriptions(1)
        let shop = try platform.createShop(prefix: "cat-feed")
        let created = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Jamdani Saree"))
        let id = try XCTUnwrap(created["id"] as? String)
        let path = "/api/v1/products/\(id)"

        XCTAssertEqual(try read(platform, second, path, shop: shop).headers["X-Cache"], "miss")
        XCTAssertEqual(try read(platform, second, path, shop: shop).headers["X-Cache"], "hit")

        for round in 1...10 {
            let title = "Jamdani Saree, edition \(round)"
            try rename(platform, id, to: title, shop: shop)
            let after = try read(platform, second, path, shop: shop)
            XCTAssertEqual(after.json["title"] as? String, title, "round \(round): the second instance served the old product")
            XCTAssertEqual(after.headers["X-Cache"], "miss")
            XCTAssertEqual(try read(platform, second, path, shop: shop).headers["X-Cache"], "hit")
        }
    }

    func testOwnWriteVisibleOnNextRead() throws {
        let platform = try PlatformHarness.load()
        let instance = try CatalogInstance(platform: platform, redisURL: try platform.variable("COMMERCE_TEST_REDIS_URL"))
        defer { instance.stop() }
        try instance.waitForSubscriptions(1)
        let shop = try platform.createShop(prefix: "cat-own")
        let created = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Shital Pati"))
        let id = try XCTUnwrap(created["id"] as? String)
        let path = "/api/v1/products?limit=24"
        _ = try read(platform, instance, path, shop: shop)
        XCTAssertEqual(try read(platform, instance, path, shop: shop).headers["X-Cache"], "hit")

        try rename(platform, id, to: "Shital Pati, Sylhet", shop: shop, through: instance)
        let listed = try read(platform, instance, path, shop: shop)
        let titles = (listed.json["data"] as? [[String: Any]])?.map { $0["title"] as? String }
        XCTAssertEqual(titles, ["Shital Pati, Sylhet"])
    }

    /// Redis loses its data and every subscription on restart. A write right after the restart
    /// publishes while the other instance may still be reconnecting, so that instance must not
    /// trust what it learned before.
    func testRedisRestartServesNoStaleEntry() throws {
        let platform = try PlatformHarness.load()
        let servers = try OrderDrillServers()
        defer { servers.stop() }
        let writer = try CatalogInstance(platform: platform, redisURL: servers.redisURL)
        defer { writer.stop() }
        let reader = try CatalogInstance(platform: platform, redisURL: servers.redisURL)
        defer { reader.stop() }
        try writer.waitForSubscriptions(1)
        try reader.waitForSubscriptions(1)
        let shop = try platform.createShop(prefix: "cat-restart")
        let created = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Nakshi Kantha"))
        let id = try XCTUnwrap(created["id"] as? String)
        let path = "/api/v1/products/by-handle/nakshi-kantha"
        _ = try read(platform, reader, path, shop: shop)
        XCTAssertEqual(try read(platform, reader, path, shop: shop).headers["X-Cache"], "hit")

        try servers.control("redis", "restart")
        try rename(platform, id, to: "Nakshi Kantha, Jessore", shop: shop, through: writer)
        let afterRestart = try read(platform, reader, path, shop: shop)
        XCTAssertEqual(afterRestart.json["title"] as? String, "Nakshi Kantha, Jessore", "a stale entry was served")

        try reader.waitForSubscriptions(2)
        try writer.waitForSubscriptions(2)
        XCTAssertEqual(
            try read(platform, reader, path, shop: shop).json["title"] as? String, "Nakshi Kantha, Jessore",
            "the resubscribed instance served an entry from before the restart")
        XCTAssertEqual(try read(platform, reader, path, shop: shop).headers["X-Cache"], "hit")
        try rename(platform, id, to: "Nakshi Kantha, Khulna", shop: shop, through: writer)
        XCTAssertEqual(try read(platform, reader, path, shop: shop).json["title"] as? String, "Nakshi Kantha, Khulna")
    }
}
