import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Checkout through Caddy against the real catalog: the answer's shape, no oversell under
/// concurrent checkouts, and a discount's usage limit.
final class OrderCheckoutTests: XCTestCase {
    func testCheckoutPlacesOrderAndHoldsStock() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-place")
        let variant = try platform.makeVariant(in: shop, price: "1250.00", stock: 5)
        try platform.configureOrders(shop, [
            "shipping_rates": [["code": "standard", "name": "Standard", "price": "60.00"]],
        ])
        let cart = try platform.makeCart(in: shop, variants: [variant], quantity: 2)

        let placed = try platform.checkout(cart, in: shop, key: UUID().uuidString)
        XCTAssertEqual(placed.status, 201, placed.text)
        let order = try XCTUnwrap(placed.placedOrder, placed.text)
        XCTAssertEqual(order["number"] as? Int, 1001)
        XCTAssertEqual(order["status"] as? String, "pending_payment")
        let totals = try XCTUnwrap(order["totals"] as? [String: Any])
        XCTAssertEqual((totals["subtotal"] as? [String: Any])?["amount"] as? String, "2500.00")
        XCTAssertEqual((totals["shipping"] as? [String: Any])?["amount"] as? String, "60.00")
        XCTAssertEqual((totals["total"] as? [String: Any])?["amount"] as? String, "2560.00")
        let token = try XCTUnwrap(order["token"] as? String)
        XCTAssertEqual(try platform.available(variant, in: shop), 3, "stock not held by the order")

        let id = try XCTUnwrap(order["id"] as? String)
        let byToken = try platform.send(.get, "/api/v1/orders/\(id)?token=\(token)", host: shop.host)
        XCTAssertEqual(byToken.status, 200, byToken.text)
        XCTAssertEqual(byToken.json["email"] as? String, "nusrat@example.com")
        let withoutToken = try platform.send(.get, "/api/v1/orders/\(id)", host: shop.host)
        XCTAssertEqual(withoutToken.status, 401, withoutToken.text)
        let wrongToken = try platform.send(.get, "/api/v1/orders/\(id)?token=\(id).nope", host: shop.host)
        XCTAssertEqual(wrongToken.status, 404, wrongToken.text)
        let lookup = try platform.send(
            .get, "/api/v1/orders/lookup?number=1001&email=NUSRAT@example.com", host: shop.host)
        XCTAssertEqual(lookup.json["id"] as? String, id, lookup.text)

        let again = try platform.send(
            .post, "/api/v1/carts/\(cart.id)/lines", host: shop.host, headers: [("X-Cart-Token", cart.token)],
            body: PlatformHarness.jsonBytes(["variant_id": variant, "quantity": 1]))
        XCTAssertEqual(again.status, 409, again.text)
        XCTAssertEqual(again.problemCode, "cart.checked_out")
    }

    func testConcurrentCheckoutsNeverOversell() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-oversell")
        let variant = try platform.makeVariant(in: shop, stock: 10)
        let carts = Collected<(Int, (id: String, token: String))>()
        try BoundedConcurrency.run(200) { index in
            if let cart = try? platform.makeCart(in: shop, variants: [variant]) { carts.append((index, cart)) }
        }
        XCTAssertEqual(carts.all.count, 200, "not every cart was made")

        let replies = Collected<PlatformHarness.Reply>()
        let all = carts.all
        try BoundedConcurrency.run(all.count) { index in
            do {
                replies.append(try platform.checkout(all[index].1, in: shop, key: "oversell-\(index)"))
            } catch {
                replies.append(PlatformHarness.Reply(status: 0, headers: HTTPHeaders(), body: Array("\(error)".utf8)))
            }
        }

        let placed = replies.all.filter { $0.status == 201 }
        let short = replies.all.filter { $0.status == 409 && $0.problemCode == "out_of_stock" }
        XCTAssertEqual(placed.count, 10, "orders placed")
        XCTAssertEqual(short.count, 190, "checkouts rejected for stock")
        let other = replies.all.filter { $0.status != 201 && $0.problemCode != "out_of_stock" }
        XCTAssertEqual(other.map(\.status), [], other.prefix(3).map(\.text).joined(separator: "\n"))
        for reply in short.prefix(5) {
            let variants = reply.json["variants"] as? [[String: Any]] ?? []
            XCTAssertEqual(variants.map { $0["variant_id"] as? String }, [variant], reply.text)
        }
        let numbers = placed.compactMap { $0.placedOrder?["number"] as? Int }.sorted()
        XCTAssertEqual(numbers, Array(1001...1010))
        XCTAssertEqual(try platform.available(variant, in: shop), 0, "stock after the checkouts")
    }

    func testDiscountLimitHoldsUnderConcurrency() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-discount")
        let variant = try platform.makeVariant(in: shop, price: "1000.00", stock: 1000)
        let saved = try platform.send(
            .put, "/api/v1/orders/discounts/eid10", host: shop.host, token: shop.ownerToken,
            json: ["kind": "percentage", "basis_points": 1000, "usage_limit": 5])
        XCTAssertEqual(saved.status, 200, saved.text)
        XCTAssertEqual(saved.json["code"] as? String, "EID10")

        let carts = Collected<(id: String, token: String)>()
        try BoundedConcurrency.run(200) { _ in
            if let cart = try? platform.makeCart(in: shop, variants: [variant]) { carts.append(cart) }
        }
        let all = carts.all
        XCTAssertEqual(all.count, 200, "not every cart was made")
        let replies = Collected<PlatformHarness.Reply>()
        try BoundedConcurrency.run(all.count) { index in
            if let reply = try? platform.checkout(all[index], in: shop, key: "discount-\(index)", discountCode: "eid10") {
                replies.append(reply)
            }
        }

        let placed = replies.all.filter { $0.status == 201 }
        let exhausted = replies.all.filter { $0.status == 409 && $0.problemCode == "discount.exhausted" }
        XCTAssertEqual(placed.count, 5, "orders with the code")
        XCTAssertEqual(exhausted.count, 195, "checkouts rejected for the limit")
        for reply in placed {
            let totals = reply.placedOrder?["totals"] as? [String: Any]
            XCTAssertEqual((totals?["discount"] as? [String: Any])?["amount"] as? String, "100.00", reply.text)
        }
        let code = try platform.send(.get, "/api/v1/orders/discounts/EID10", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(code.json["usage_count"] as? Int, 5, code.text)
        XCTAssertEqual(try platform.available(variant, in: shop), 995, "stock of rejected checkouts not returned")
    }
}
