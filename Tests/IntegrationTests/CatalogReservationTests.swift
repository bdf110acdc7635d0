import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// The internal stock API that order-svc calls on catalog-svc's own address.
final class CatalogReservationTests: XCTestCase {
    /// Creates a product with one variant holding `stock` units and returns its variant id.
    private func stockedVariant(_ platform: PlatformHarness, _ shop: Shop, stock: Int, title: String) throws -> String {
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: title, stock: stock))
        return try XCTUnwrap((product["variants"] as? [[String: Any]])?.first?["id"] as? String)
    }

    private func available(_ platform: PlatformHarness, _ shop: Shop, _ variantID: String) throws -> Int? {
        let level = try platform.send(.get, "/api/v1/inventory/\(variantID)", host: shop.host, token: shop.ownerToken)
        return level.json["available"] as? Int
    }

    func testConcurrentReservationsTakeExactlyTheStock() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-rush")
        let variantID = try stockedVariant(platform, shop, stock: 10, title: "Limited Jamdani")
        let token = try platform.adminToken()

        let statuses = Statuses()
        let codes = Mutex<[String: Int]>([:])
        runConcurrently(200) { _ in
            let reply = try? platform.internalCatalog(
                .post, "/internal/stock/reservations", tenantID: shop.id, token: token,
                json: ["order_id": UUID().uuidString, "lines": [["variant_id": variantID, "quantity": 1]]])
            statuses.add(reply?.status ?? 0)
            codes.withLock { $0[reply?.problemCode ?? "none", default: 0] += 1 }
        }
        XCTAssertEqual(statuses.counts[201], 10, "\(statuses.counts)")
        XCTAssertEqual(statuses.counts[409], 190, "\(statuses.counts)")
        XCTAssertEqual(codes.withLock { $0["inventory.out_of_stock"] }, 190, "\(codes.withLock { $0 })")
        XCTAssertEqual(try available(platform, shop, variantID), 0)
    }

    func testReservationIsIdempotentAndReleasable() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-order")
        let first = try stockedVariant(platform, shop, stock: 5, title: "Clay Cup")
        let second = try stockedVariant(platform, shop, stock: 1, title: "Clay Saucer")
        let token = try platform.adminToken()
        let order = UUID().uuidString.lowercased()
        let body: [String: Any] = ["order_id": order, "lines": [["variant_id": first, "quantity": 2]]]

        let created = try platform.internalCatalog(.post, "/internal/stock/reservations", tenantID: shop.id, token: token, json: body)
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.json["state"] as? String, "reserved")
        let repeated = try platform.internalCatalog(.post, "/internal/stock/reservations", tenantID: shop.id, token: token, json: body)
        XCTAssertEqual(repeated.status, 200, repeated.text)
        XCTAssertEqual(try available(platform, shop, first), 3)

        let short = try platform.internalCatalog(
            .post, "/internal/stock/reservations", tenantID: shop.id, token: token,
            json: ["order_id": UUID().uuidString, "lines": [
                ["variant_id": first, "quantity": 4], ["variant_id": second, "quantity": 2],
            ]])
        XCTAssertEqual(short.status, 409, short.text)
        XCTAssertEqual(short.problemCode, "inventory.out_of_stock")
        let shortIDs = Set((short.json["variants"] as? [[String: Any]] ?? []).compactMap { $0["variant_id"] as? String })
        XCTAssertEqual(shortIDs, [first, second])
        XCTAssertEqual(try available(platform, shop, first), 3, "a failed reservation took stock")

        let released = try platform.internalCatalog(
            .post, "/internal/stock/reservations/\(order)/release", tenantID: shop.id, token: token)
        XCTAssertEqual(released.status, 200, released.text)
        XCTAssertEqual(released.json["state"] as? String, "released")
        XCTAssertEqual(try available(platform, shop, first), 5)
        let commitAfterRelease = try platform.internalCatalog(
            .post, "/internal/stock/reservations/\(order)/commit", tenantID: shop.id, token: token)
        XCTAssertEqual(commitAfterRelease.status, 409, commitAfterRelease.text)
    }

    func testInternalAPINeedsPlatformCredential() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-cred")
        let variantID = try stockedVariant(platform, shop, stock: 3, title: "Guarded Pot")
        let body: [String: Any] = ["order_id": UUID().uuidString, "lines": [["variant_id": variantID, "quantity": 1]]]

        let anonymous = try platform.internalCatalog(.post, "/internal/stock/reservations", tenantID: shop.id, token: nil, json: body)
        XCTAssertEqual(anonymous.status, 401, anonymous.text)
        let owner = try platform.internalCatalog(
            .post, "/internal/stock/reservations", tenantID: shop.id, token: shop.ownerToken, json: body)
        XCTAssertEqual(owner.status, 403, owner.text)
        let noTenant = try platform.internalCatalog(
            .post, "/internal/stock/reservations", tenantID: nil, token: try platform.adminToken(), json: body)
        XCTAssertEqual(noTenant.status, 422, noTenant.text)
        let throughCaddy = try platform.send(.post, "/internal/stock/reservations", host: shop.host, json: body)
        XCTAssertEqual(throughCaddy.status, 404, "Caddy forwarded an internal path")
        XCTAssertEqual(try available(platform, shop, variantID), 3)
    }

    func testVariantSnapshotsForCarts() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-snap")
        let variantID = try stockedVariant(platform, shop, stock: 4, title: "Brass Bell")
        let unknown = UUID().uuidString.lowercased()
        let reply = try platform.internalCatalog(
            .get, "/internal/variants?ids=\(variantID),\(unknown)", tenantID: shop.id, token: try platform.adminToken())
        XCTAssertEqual(reply.status, 200, reply.text)
        let snapshot = try XCTUnwrap((reply.json["data"] as? [[String: Any]])?.first)
        XCTAssertEqual(snapshot["id"] as? String, variantID)
        XCTAssertEqual(snapshot["product_title"] as? String, "Brass Bell")
        XCTAssertEqual(snapshot["price"] as? String, "100.00")
        XCTAssertEqual(snapshot["currency"] as? String, "BDT")
        XCTAssertEqual(snapshot["inventory_quantity"] as? Int, 4)
        XCTAssertEqual(snapshot["available"] as? Bool, true)
        XCTAssertEqual(snapshot["taxable"] as? Bool, true)
        XCTAssertEqual(snapshot["requires_shipping"] as? Bool, true)
        XCTAssertEqual(reply.json["missing"] as? [String], [unknown])
    }
}
