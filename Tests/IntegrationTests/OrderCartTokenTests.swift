import CommonKernel
import Foundation
import XCTest

/// Cart routes through Caddy without `X-Cart-Token`: 401 with a hint, while a wrong token stays
/// a 404 that does not reveal whether the cart exists.
final class OrderCartTokenTests: XCTestCase {
    func testMissingTokenIs401OnEveryCartRoute() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cart-token")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let cart = try platform.makeCart(in: shop, variants: [variant])
        let path = "/api/v1/carts/\(cart.id)"
        let add = PlatformHarness.jsonBytes(["variant_id": variant, "quantity": 1])
        let checkout = PlatformHarness.jsonBytes(PlatformHarness.checkoutBody(cartID: cart.id, email: "a@example.com"))

        let routes: [(String, HTTPMethod, String, [UInt8])] = [
            ("read", .get, path, []),
            ("add line", .post, "\(path)/lines", add),
            ("set quantity", .patch, "\(path)/lines/\(variant)", PlatformHarness.jsonBytes(["quantity": 2])),
            ("remove line", .delete, "\(path)/lines/\(variant)", []),
            ("refresh", .post, "\(path)/refresh", []),
            ("checkout", .post, "/api/v1/checkout", checkout),
        ]
        for (name, method, route, body) in routes {
            for headers in [[], [("X-Cart-Token", "")]] {
                let reply = try platform.send(
                    method, route, host: shop.host, headers: headers + [("Idempotency-Key", UUID().uuidString)],
                    body: body)
                XCTAssertEqual(reply.status, 401, "\(name) \(headers): \(reply.text)")
                XCTAssertEqual(reply.problemCode, "cart.token_missing", "\(name) \(headers)")
                XCTAssertTrue((reply.json["detail"] as? String ?? "").contains("X-Cart-Token"), "\(name): \(reply.text)")
            }
            let wrong = try platform.send(
                method, route, host: shop.host,
                headers: [("X-Cart-Token", "wrong"), ("Idempotency-Key", UUID().uuidString)], body: body)
            XCTAssertEqual(wrong.status, 404, "\(name) with a wrong token: \(wrong.text)")
            XCTAssertEqual(wrong.problemCode, "cart.not_found", "\(name) with a wrong token")
        }

        let unknown = try platform.send(.get, "/api/v1/carts/\(UUID())", host: shop.host, headers: [("X-Cart-Token", "wrong")])
        XCTAssertEqual(unknown.status, 404, unknown.text)
        let afterwards = try platform.send(.get, path, host: shop.host, headers: [("X-Cart-Token", cart.token)])
        XCTAssertEqual(afterwards.status, 200, afterwards.text)
        XCTAssertEqual((afterwards.json["lines"] as? [[String: Any]])?.count, 1, "no request without the token changed the cart")
    }
}
