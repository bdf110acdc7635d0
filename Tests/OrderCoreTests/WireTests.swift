import CommonKernel
import Foundation
import OrderCore
import XCTest

final class WireTests: XCTestCase {
    private func bytes(_ json: String) -> [UInt8] { Array(json.utf8) }

    func testCheckoutRequestParses() throws {
        let cartID = UUID()
        let request = try CheckoutRequest(
            json: bytes(
                """
                {"cart_id": "\(cartID.uuidString)", "email": "a@example.com",
                 "shipping_address": {"name": "Nusrat", "line1": "Road 5", "city": "Dhaka", "district": "Dhaka",
                                      "postcode": "1207", "country": "BD", "phone": "01712345678"},
                 "shipping_method": "standard", "discount_code": "EID10"}
                """))
        XCTAssertEqual(request.cartID, cartID)
        XCTAssertEqual(request.email, "a@example.com")
        XCTAssertEqual(request.shippingAddress?.district, "Dhaka")
        XCTAssertNil(request.shippingAddress?.line2)
        XCTAssertNil(request.billingAddress)
        XCTAssertEqual(request.shippingMethod, "standard")
        XCTAssertEqual(request.discountCode, "EID10")
    }

    func testCheckoutRequestListsTypeErrors() {
        let error = assertAppError(code: "request.invalid_fields") {
            try CheckoutRequest(
                json: bytes(
                    """
                    {"cart_id": "nope", "email": 5, "shipping_address": {"name": 1, "colour": "red"}, "extra": true}
                    """))
        }
        XCTAssertEqual(
            error?.fieldErrors.map(\.field),
            ["cart_id", "email", "shipping_address.name", "shipping_address.colour", "extra"])
    }

    func testMissingAddressMembersReachValidation() throws {
        let request = try CheckoutRequest(
            json: bytes(#"{"cart_id": "\#(UUID().uuidString)", "email": "a@example.com", "billing_address": {}}"#))
        var errors: [FieldError] = []
        XCTAssertNil(PostalAddress.validate(request.billingAddress!, field: "billing_address", errors: &errors))
        XCTAssertEqual(
            errors.map(\.field),
            ["billing_address.name", "billing_address.line1", "billing_address.city", "billing_address.country"])
    }

    func testCartLineRequestChecksQuantity() throws {
        let variantID = UUID()
        let line = try CartLineRequest(json: bytes(#"{"variant_id": "\#(variantID.uuidString)", "quantity": 3}"#))
        XCTAssertEqual(line, try CartLineRequest(json: bytes(#"{"quantity": 3, "variant_id": "\#(variantID)"}"#)))
        XCTAssertEqual(line.quantity, 3)
        for quantity in ["0", "1000", "1.5", "\"2\""] {
            let error = assertAppError(code: "request.invalid_fields", quantity) {
                try CartLineRequest(json: bytes(#"{"variant_id": "\#(variantID)", "quantity": \#(quantity)}"#))
            }
            XCTAssertEqual(error?.fieldErrors.map(\.field), ["quantity"], quantity)
        }
    }

    func testPlacedOrderShape() throws {
        let shop = Shop()
        try shop.configure(shipping: "60.00", tax: TaxSettings(rateBasisPoints: 1500, pricesIncludeTax: true))
        let order = try shop.checkout([shop.addVariant(price: "1150.00")]).order
        let json = OrderJSON.placed(order)
        guard case .object(let root) = json, case .object(let body)? = root["order"] else { return XCTFail("\(json)") }
        XCTAssertEqual(body["id"], .string(order.id.uuidString.lowercased()))
        XCTAssertEqual(body["number"], .number(1001))
        XCTAssertEqual(body["status"], .string("pending_payment"))
        XCTAssertEqual(body["token"], .string(order.statusToken))
        XCTAssertEqual(
            body["totals"],
            .object([
                "subtotal": .object(["amount": .string("1150.00"), "currency": .string("BDT")]),
                "discount": .object(["amount": .string("0.00"), "currency": .string("BDT")]),
                "shipping": .object(["amount": .string("60.00"), "currency": .string("BDT")]),
                "tax": .object(["amount": .string("150.00"), "currency": .string("BDT")]),
                "total": .object(["amount": .string("1210.00"), "currency": .string("BDT")]),
                "tax_included": .bool(true),
            ]))
    }

    func testAmountsUseCurrencyDecimals() throws {
        for (currency, price, expected) in [("JPY", "1250", "1250"), ("KWD", "18.6", "18.600")] {
            let shop = Shop(currency: currency)
            try shop.configure(shipping: "0")
            let order = try shop.checkout([shop.addVariant(price: price)]).order
            guard case .object(let detail) = OrderJSON.detail(order), case .object(let totals)? = detail["totals"],
                case .object(let total)? = totals["total"]
            else {
                return XCTFail("unexpected shape")
            }
            XCTAssertEqual(total["amount"], .string(expected), currency)
            XCTAssertEqual(total["currency"], .string(currency))
        }
    }

    func testDetailLeavesOutSecrets() throws {
        let shop = Shop()
        try shop.configure()
        let order = try shop.checkout([shop.addVariant()]).order
        let text = OrderJSON.detail(order).serialized()
        XCTAssertFalse(text.contains(order.accessToken))
        XCTAssertTrue(text.contains("\"history\""))
        XCTAssertTrue(text.contains("\"hold_expires_at\""))
    }

    func testCartShapes() throws {
        let shop = Shop()
        let created = try shop.createCart.execute(tenant: shop.tenant)
        XCTAssertEqual(
            CartJSON.created(created),
            .object(["id": .string(created.cart.id.uuidString.lowercased()), "token": .string(created.token!)]))
        let (cart, _) = try shop.guestCart([shop.addVariant(price: "450.50")], quantity: 3)
        guard case .object(let members) = try CartJSON.cart(cart) else { return XCTFail("not an object") }
        XCTAssertEqual(members["subtotal"], .object(["amount": .string("1351.50"), "currency": .string("BDT")]))
        XCTAssertEqual(members["checked_out"], .bool(false))
        XCTAssertFalse(try CartJSON.cart(cart).serialized().contains("token"))
    }
}
