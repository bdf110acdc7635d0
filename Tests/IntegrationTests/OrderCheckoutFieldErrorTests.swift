import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// A checkout with a discount code it cannot use and other bad fields, through Caddy: one 422
/// problem lists them all, and nothing changes.
final class OrderCheckoutFieldErrorTests: XCTestCase {
    func testUnknownCodeListedWithOtherErrors() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-fields")
        let variant = try platform.makeVariant(in: shop, price: "1000.00", stock: 5)
        try platform.saveDiscount("EID10", in: shop, ["kind": "percentage", "basis_points": 1000, "usage_limit": 1])
        let cart = try platform.makeCart(in: shop, variants: [variant], quantity: 2)
        let key = "fields-\(UUID().uuidString)"

        var body = PlatformHarness.checkoutBody(cartID: cart.id, email: "not-an-email")
        body["shipping_address"] = ["name": "Nusrat", "line1": "Road 5", "city": "", "country": "BD", "phone": "12"]
        body["shipping_method"] = "teleport"
        body["discount_code"] = "nope"
        let rejected = try platform.send(
            .post, "/api/v1/checkout", host: shop.host,
            headers: [("X-Cart-Token", cart.token), ("Idempotency-Key", key)], body: PlatformHarness.jsonBytes(body))

        XCTAssertEqual(rejected.status, 422, rejected.text)
        XCTAssertEqual(rejected.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(rejected.problemCode, "request.invalid_fields", rejected.text)
        XCTAssertEqual(
            rejected.fieldNames.sorted(),
            [
                "discount_code", "email", "shipping_address.city", "shipping_address.district",
                "shipping_address.phone", "shipping_address.postcode", "shipping_method",
            ], rejected.text)
        let errors = rejected.json["errors"] as? [[String: Any]] ?? []
        let codeError = errors.first { $0["field"] as? String == "discount_code" }
        XCTAssertEqual(codeError?["code"] as? String, "discount.not_found", rejected.text)

        // Nothing changed: no order, no held stock, no used code, and the key is still free.
        let orders = try platform.send(.get, "/api/v1/orders", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual((orders.json["orders"] as? [Any])?.count, 0, orders.text)
        XCTAssertEqual(try platform.available(variant, in: shop), 5, "stock held by a rejected checkout")
        let code = try platform.send(.get, "/api/v1/orders/discounts/EID10", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(code.json["usage_count"] as? Int, 0, code.text)

        let placed = try platform.checkout(cart, in: shop, key: key, discountCode: "eid10")
        XCTAssertEqual(placed.status, 201, placed.text)
        XCTAssertNil(placed.headers["Idempotent-Replayed"], "the rejected request left an attempt under its key")
        let totals = placed.placedOrder?["totals"] as? [String: Any]
        XCTAssertEqual((totals?["discount"] as? [String: Any])?["amount"] as? String, "200.00", placed.text)
        XCTAssertEqual(try platform.available(variant, in: shop), 3)
    }

    func testUnknownCodeAloneKeepsItsCode() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-code")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let cart = try platform.makeCart(in: shop, variants: [variant])

        let rejected = try platform.checkout(cart, in: shop, key: "code-\(UUID().uuidString)", discountCode: "NOPE")
        assertCodeAlone(rejected, code: "discount.not_found")
        XCTAssertEqual(try platform.available(variant, in: shop), 5, "stock held by a rejected checkout")
    }

    func testUnknownCodeListedWithMissingEmail() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-noemail")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let cart = try platform.makeCart(in: shop, variants: [variant])

        let rejected = try platform.checkout(cart, in: shop, key: "noemail-\(UUID().uuidString)", discountCode: "NOPE", email: "")
        XCTAssertEqual(rejected.status, 422, rejected.text)
        XCTAssertEqual(rejected.problemCode, "request.invalid_fields", rejected.text)
        XCTAssertEqual(rejected.fieldNames.sorted(), ["discount_code", "email"], rejected.text)
        let orders = try platform.send(.get, "/api/v1/orders", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual((orders.json["orders"] as? [Any])?.count, 0, orders.text)
    }

    func testUnusableCodesListedWithOtherErrors() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-unusable")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let cart = try platform.makeCart(in: shop, variants: [variant])
        let codes: [(String, [String: Any], String)] = [
            ("PAUSED", ["is_active": false], "discount.inactive"),
            ("LATER", ["starts_at": "2099-01-01T00:00:00Z"], "discount.not_started"),
            ("GONE", ["ends_at": "2020-01-01T00:00:00Z"], "discount.expired"),
        ]
        for (code, fields, errorCode) in codes {
            let discount: [String: Any] = ["kind": "percentage", "basis_points": 500]
            try platform.saveDiscount(code, in: shop, discount.merging(fields) { _, new in new })

            let withEmail = try platform.checkout(cart, in: shop, key: "alone-\(code)", discountCode: code)
            assertCodeAlone(withEmail, code: errorCode)

            let withoutEmail = try platform.checkout(cart, in: shop, key: "both-\(code)", discountCode: code, email: "")
            assertCodeListedWithEmail(withoutEmail, code: errorCode)
        }
        XCTAssertEqual(try platform.available(variant, in: shop), 5, "stock held by a rejected checkout")
    }

    func testMinimumNotMetListedWithOtherErrors() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-minimum")
        let variant = try platform.makeVariant(in: shop, price: "1000.00", stock: 5)
        try platform.saveDiscount(
            "BIGCART", in: shop, ["kind": "percentage", "basis_points": 1000, "minimum_subtotal": "5000.00"])
        try platform.saveDiscount(
            "SMALLCART", in: shop, ["kind": "percentage", "basis_points": 1000, "minimum_subtotal": "500.00"])
        let cart = try platform.makeCart(in: shop, variants: [variant])

        let both = try platform.checkout(cart, in: shop, key: "min-both", discountCode: "BIGCART", email: "bad")
        assertCodeListedWithEmail(both, code: "discount.minimum_not_met")

        let alone = try platform.checkout(cart, in: shop, key: "min-alone", discountCode: "BIGCART")
        assertCodeAlone(alone, code: "discount.minimum_not_met")
        let minimum = alone.json["minimum_subtotal"] as? [String: Any]
        XCTAssertEqual(minimum?["amount"] as? String, "5000.00", alone.text)

        // A code whose minimum the cart reaches is not listed next to the bad email.
        let reached = try platform.checkout(cart, in: shop, key: "min-reached", discountCode: "SMALLCART", email: "bad")
        XCTAssertEqual(reached.status, 422, reached.text)
        XCTAssertEqual(reached.problemCode, "request.invalid_fields", reached.text)
        XCTAssertEqual(reached.fieldNames, ["email"], reached.text)

        let orders = try platform.send(.get, "/api/v1/orders", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual((orders.json["orders"] as? [Any])?.count, 0, orders.text)
        XCTAssertEqual(try platform.available(variant, in: shop), 5, "stock held by a rejected checkout")
        let code = try platform.send(.get, "/api/v1/orders/discounts/BIGCART", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(code.json["usage_count"] as? Int, 0, code.text)

        // The rejected keys were left free, so a retry under one of them places the order.
        let placed = try platform.checkout(cart, in: shop, key: "min-both", discountCode: "SMALLCART")
        XCTAssertEqual(placed.status, 201, placed.text)
        XCTAssertNil(placed.headers["Idempotent-Replayed"], "a rejected request left an attempt under its key")
    }

    func testExhaustedCodeListedWithOtherErrors() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-exhausted")
        let variant = try platform.makeVariant(in: shop, price: "1000.00", stock: 5)
        try platform.saveDiscount("ONCE", in: shop, ["kind": "percentage", "basis_points": 1000, "usage_limit": 1])
        let first = try platform.makeCart(in: shop, variants: [variant])
        let used = try platform.checkout(first, in: shop, key: "once-first", discountCode: "ONCE")
        XCTAssertEqual(used.status, 201, used.text)
        let cart = try platform.makeCart(in: shop, variants: [variant])

        let both = try platform.checkout(cart, in: shop, key: "once-both", discountCode: "ONCE", email: "bad")
        assertCodeListedWithEmail(both, code: "discount.exhausted")

        let alone = try platform.checkout(cart, in: shop, key: "once-alone", discountCode: "ONCE")
        assertCodeAlone(alone, status: 409, code: "discount.exhausted")

        // Only the first checkout wrote anything.
        let orders = try platform.send(.get, "/api/v1/orders", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual((orders.json["orders"] as? [Any])?.count, 1, orders.text)
        XCTAssertEqual(try platform.available(variant, in: shop), 4, "stock held by a rejected checkout")
        let code = try platform.send(.get, "/api/v1/orders/discounts/ONCE", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(code.json["usage_count"] as? Int, 1, code.text)

        let placed = try platform.checkout(cart, in: shop, key: "once-both")
        XCTAssertEqual(placed.status, 201, placed.text)
        XCTAssertNil(placed.headers["Idempotent-Replayed"], "a rejected request left an attempt under its key")
    }

    /// Asserts that `reply` is the discount code's own problem: `status`, `code` as its code, and
    /// the discount code as its only field.
    private func assertCodeAlone(
        _ reply: PlatformHarness.Reply, status: Int = 422, code: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(reply.status, status, reply.text, file: file, line: line)
        XCTAssertEqual(reply.problemCode, code, reply.text, file: file, line: line)
        XCTAssertEqual(reply.fieldNames, ["discount_code"], reply.text, file: file, line: line)
    }

    /// Asserts that `reply` is one 422 listing the e-mail and the discount code, with `code` as
    /// the discount code's error.
    private func assertCodeListedWithEmail(
        _ reply: PlatformHarness.Reply, code: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(reply.status, 422, reply.text, file: file, line: line)
        XCTAssertEqual(reply.problemCode, "request.invalid_fields", reply.text, file: file, line: line)
        XCTAssertEqual(reply.fieldNames.sorted(), ["discount_code", "email"], reply.text, file: file, line: line)
        let errors = reply.json["errors"] as? [[String: Any]] ?? []
        let codeError = errors.first { $0["field"] as? String == "discount_code" }
        XCTAssertEqual(codeError?["code"] as? String, code, reply.text, file: file, line: line)
    }
}
