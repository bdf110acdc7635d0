import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Bad input to order-svc's routes through Caddy: each gets a 4xx problem that names the field.
final class OrderBadInputTests: XCTestCase {
    func testCartAndCheckoutInputNamesFields() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-bad")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let cart = try platform.makeCart(in: shop, variants: [variant])
        let token = [("X-Cart-Token", cart.token)]
        let lines = "/api/v1/carts/\(cart.id)/lines"

        let cases: [(String, HTTPMethod, String, [UInt8], Int, [String])] = [
            ("malformed JSON", .post, lines, Array("{".utf8), 422, []),
            ("wrong types", .post, lines, json(["variant_id": 5, "quantity": "two"]), 422, ["quantity", "variant_id"]),
            ("zero quantity", .post, lines, json(["variant_id": variant, "quantity": 0]), 422, ["quantity"]),
            ("unknown field", .post, lines, json(["variant_id": variant, "quantity": 1, "colour": "red"]), 422, ["colour"]),
            ("unknown variant", .post, lines, json(["variant_id": UUID().uuidString, "quantity": 1]), 404, ["variant_id"]),
            ("too many", .patch, "\(lines)/\(variant)", json(["quantity": 1000]), 422, ["quantity"]),
            ("checkout without body", .post, "/api/v1/checkout", [], 422, []),
            ("checkout wrong types", .post, "/api/v1/checkout", json(["cart_id": "nope", "shipping_address": "Dhaka"]),
             422, ["cart_id", "email", "shipping_address"]),
        ]
        for (name, method, path, body, status, fields) in cases {
            let reply = try platform.send(
                method, path, host: shop.host, headers: token + [("Idempotency-Key", "bad-\(name)")], body: body)
            XCTAssertEqual(reply.status, status, "\(name): \(reply.text)")
            XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json", name)
            XCTAssertEqual(reply.fieldNames.sorted(), fields, "\(name): \(reply.text)")
        }

        var address = PlatformHarness.checkoutBody(cartID: cart.id, email: "not-an-email")
        address["shipping_address"] = ["name": "Nusrat", "line1": "Road 5", "city": "", "country": "BD", "phone": "12"]
        address["shipping_method"] = "teleport"
        let invalid = try platform.send(
            .post, "/api/v1/checkout", host: shop.host, headers: token + [("Idempotency-Key", "bad-address")],
            body: json(address))
        XCTAssertEqual(invalid.status, 422, invalid.text)
        XCTAssertEqual(
            invalid.fieldNames.sorted(),
            [
                "email", "shipping_address.city", "shipping_address.district", "shipping_address.phone",
                "shipping_address.postcode", "shipping_method",
            ])
        let unknownCode = try platform.checkout(cart, in: shop, key: "bad-code", discountCode: "NOPE")
        XCTAssertEqual(unknownCode.status, 422, unknownCode.text)
        XCTAssertEqual(unknownCode.fieldNames, ["discount_code"])
    }

    func testStaffInputNamesFields() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-bad-staff")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let placed = try platform.checkout(
            try platform.makeCart(in: shop, variants: [variant]), in: shop, key: UUID().uuidString)
        let orderID = try XCTUnwrap(placed.placedOrder?["id"] as? String, placed.text)

        let cases: [(String, HTTPMethod, String, [String: Any]?, Int, [String])] = [
            ("limit", .get, "/api/v1/orders?limit=abc", nil, 422, ["limit"]),
            ("status", .get, "/api/v1/orders?status=lost", nil, 422, ["status"]),
            ("dates", .get, "/api/v1/orders?created_from=2024-13-01&created_to=yesterday", nil, 422,
             ["created_from", "created_to"]),
            ("cursor", .get, "/api/v1/orders?cursor=garbage", nil, 422, ["cursor"]),
            ("unknown", .get, "/api/v1/orders?placed_from=2026-01-01&limit=x", nil, 422, ["limit", "placed_from"]),
            ("lookup", .get, "/api/v1/orders/lookup?number=abc", nil, 422, ["email", "number"]),
            ("hold", .patch, "/api/v1/orders/settings", ["payment_hold_seconds": 0], 422, ["payment_hold_seconds"]),
            ("tax", .patch, "/api/v1/orders/settings", ["tax": ["rate_basis_points": 20_000]], 422,
             ["tax.rate_basis_points"]),
            ("rate", .patch, "/api/v1/orders/settings", ["shipping_rates": [["code": "x", "price": "1.234"]]], 422,
             ["shipping_rates[0].name", "shipping_rates[0].price"]),
            ("discount kind", .put, "/api/v1/orders/discounts/SALE", ["kind": "bogus"], 422, ["kind"]),
            ("discount points", .put, "/api/v1/orders/discounts/SALE", ["kind": "percentage", "basis_points": 0], 422,
             ["basis_points"]),
            ("fulfil fields", .post, "/api/v1/orders/\(orderID)/fulfil", ["carrier": ""], 422,
             ["carrier", "tracking_number"]),
            ("fulfil unpaid", .post, "/api/v1/orders/\(orderID)/fulfil", ["carrier": "Pathao", "tracking_number": "P1"],
             409, []),
            ("note", .post, "/api/v1/orders/\(orderID)/notes", ["note": "  "], 422, ["note"]),
            ("order id", .get, "/api/v1/orders/not-an-id", nil, 404, []),
        ]
        for (name, method, path, body, status, fields) in cases {
            let reply = try platform.send(
                method, path, host: shop.host, token: shop.ownerToken, body: body.map(json) ?? [])
            XCTAssertEqual(reply.status, status, "\(name): \(reply.text)")
            XCTAssertEqual(reply.fieldNames.sorted(), fields, "\(name): \(reply.text)")
        }
        let customerList = try platform.send(.get, "/api/v1/orders", host: shop.host)
        XCTAssertEqual(customerList.status, 401, customerList.text)
    }

    private func json(_ object: [String: Any]) -> [UInt8] {
        PlatformHarness.jsonBytes(object)
    }
}
