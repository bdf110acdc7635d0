import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Nothing of shop A is reachable from shop B's host or token: reads, writes, search results,
/// cached responses, stock and import jobs.
final class CatalogIsolationTests: XCTestCase {
    func testShopBCannotReachShopAsCatalog() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "cat-iso-a"), try platform.createShop(prefix: "cat-iso-b"))
        let product = try platform.createProduct(
            in: a, PlatformHarness.productFields(title: "Zamindar Secret Chest", extra: ["handle": "secret-chest"]))
        let id = try XCTUnwrap(product["id"] as? String)
        let variantID = try XCTUnwrap((product["variants"] as? [[String: Any]])?.first?["id"] as? String)

        // Warm A's cache first, so that a cache keyed without the tenant would leak below.
        XCTAssertEqual(try platform.send(.get, "/api/v1/products/\(id)", host: a.host).status, 200)
        _ = try platform.send(.get, "/api/v1/products?limit=24", host: a.host)
        _ = try platform.send(.get, "/api/v1/products?limit=24", host: a.host)

        for path in ["/api/v1/products/\(id)", "/api/v1/products/by-handle/secret-chest", "/api/v1/products/\(id)/variants"] {
            XCTAssertEqual(try platform.send(.get, path, host: b.host).status, 404, "public \(path) on B")
            XCTAssertEqual(try platform.send(.get, path, host: b.host, token: b.ownerToken).status, 404, "staff \(path) on B")
        }
        let listing = try platform.send(.get, "/api/v1/products?limit=24", host: b.host)
        XCTAssertEqual((listing.json["data"] as? [Any])?.count, 0, listing.text)
        let search = try platform.send(.get, "/api/v1/products?q=zamindar", host: b.host, token: b.ownerToken)
        XCTAssertEqual((search.json["data"] as? [Any])?.count, 0, search.text)

        let patch = try platform.send(
            .patch, "/api/v1/products/\(id)", host: b.host, token: b.ownerToken, json: ["title": "Taken"])
        XCTAssertEqual(patch.status, 404, patch.text)
        XCTAssertEqual(try platform.send(.delete, "/api/v1/products/\(id)", host: b.host, token: b.ownerToken).status, 404)
        let stock = try platform.send(
            .post, "/api/v1/inventory/\(variantID)/set", host: b.host, token: b.ownerToken,
            json: ["quantity": 0, "reason": "theft"])
        XCTAssertEqual(stock.status, 404, stock.text)
        let crossToken = try platform.send(.get, "/api/v1/products/\(id)", host: a.host, token: b.ownerToken)
        XCTAssertEqual(crossToken.status, 403, crossToken.text)
        XCTAssertEqual(
            try platform.send(.patch, "/api/v1/products/\(id)", host: a.host, token: b.ownerToken, json: ["title": "x"]).status,
            403)

        let unchanged = try platform.send(.get, "/api/v1/products/\(id)", host: a.host, token: a.ownerToken)
        XCTAssertEqual(unchanged.json["title"] as? String, "Zamindar Secret Chest")
        XCTAssertEqual((unchanged.json["variants"] as? [[String: Any]])?.first?["inventory_quantity"] as? Int, 10)
    }

    func testImportJobsStayWithTheirShop() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "cat-job-a"), try platform.createShop(prefix: "cat-job-b"))
        let job = try platform.importCSV("Handle,Title,Variant Price\nsecret-mat,Secret Mat,5.00\n", to: a)
        let id = try XCTUnwrap(job["id"] as? String)

        XCTAssertEqual(try platform.send(.get, "/api/v1/imports/\(id)", host: b.host, token: b.ownerToken).status, 404)
        let list = try platform.send(.get, "/api/v1/imports", host: b.host, token: b.ownerToken)
        XCTAssertFalse(list.text.contains(id), list.text)
        XCTAssertEqual(try platform.send(.get, "/api/v1/imports/\(id)", host: a.host, token: b.ownerToken).status, 403)
        XCTAssertEqual(try platform.send(.get, "/api/v1/imports/\(id)", host: a.host).status, 401)
        XCTAssertEqual(try platform.allProducts(in: b, token: b.ownerToken).count, 0)
    }

    func testCacheKeysCarryTenantID() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-keys")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Keyed Mat"))
        _ = try platform.send(.get, "/api/v1/products?limit=5", host: shop.host)

        let redis = RedisClient(url: try platform.variable("COMMERCE_TEST_REDIS_URL"), logger: Logger(label: "test", level: .error))
        defer { redis.close() }
        let keys = try redis.command(["KEYS", "catalog:*"]).array?.compactMap(\.text) ?? []
        let tenant = shop.id.uuidString.lowercased()
        XCTAssertTrue(keys.contains { $0.hasPrefix("catalog:v1:\(tenant):v") }, "no cached entry for the shop: \(keys)")
        for key in keys {
            let parts = key.split(separator: ":")
            XCTAssertGreaterThanOrEqual(parts.count, 4, key)
            XCTAssertNotNil(UUID(uuidString: String(parts[2])), "key without a tenant id: \(key)")
        }
    }
}
