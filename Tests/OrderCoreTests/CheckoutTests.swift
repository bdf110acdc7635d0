import CommonKernel
import Foundation
import OrderCore
import XCTest

final class CheckoutTests: XCTestCase {
    func testPlacesOrderAndHoldsStock() throws {
        let shop = Shop()
        try shop.configure(shipping: "60.00", tax: TaxSettings(rateBasisPoints: 1500, pricesIncludeTax: false))
        let saree = shop.addVariant(price: "4500.00", stock: 10, weightGrams: 400)
        let (cart, access) = try shop.guestCart([saree], quantity: 2)

        let result = try shop.placeOrder.execute(
            shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        let order = result.order
        XCTAssertFalse(result.replayed)
        XCTAssertEqual(order.number, 1001)
        XCTAssertEqual(order.status, .pendingPayment)
        XCTAssertEqual(order.stock, .reserved)
        XCTAssertEqual(order.totals.subtotal, money("9000.00"))
        XCTAssertEqual(order.totals.shipping, money("60.00"))
        XCTAssertEqual(order.totals.tax, money("1350.00"))
        XCTAssertEqual(order.totals.total, money("10410.00"))
        XCTAssertEqual(order.lines.map(\.quantity), [2])
        XCTAssertEqual(order.shippingAddress?.phone, "+8801712345678")
        XCTAssertEqual(order.billingAddress, order.shippingAddress)
        XCTAssertEqual(order.shippingMethod?.code, "standard")
        XCTAssertEqual(order.holdExpiresAt, shop.clock.now.addingTimeInterval(900))
        XCTAssertEqual(order.history.map(\.kind), [.placed])

        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 8)
        XCTAssertEqual(shop.catalog.reservationState(orderID: order.id, tenantID: shop.tenant.id), .reserved)
        XCTAssertEqual(shop.events, ["order.placed"])
        XCTAssertEqual(try shop.attempt("key-1")?.state, .completed)
        let storedCart = try GetCart(store: shop.store).execute(cartID: cart.id, access: access, tenant: shop.tenant)
        XCTAssertEqual(storedCart.checkedOutOrderID, order.id)
    }

    func testSameKeyAndBodyReturnsFirstOrder() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 10)
        let (cart, access) = try shop.guestCart([saree])
        let request = shop.request(for: cart)

        let first = try shop.placeOrder.execute(request, idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        let second = try shop.placeOrder.execute(request, idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        XCTAssertTrue(second.replayed)
        XCTAssertEqual(second.order.id, first.order.id)
        XCTAssertEqual(second.order.accessToken, first.order.accessToken)
        XCTAssertEqual(try shop.allOrders().count, 1)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 9)
        XCTAssertEqual(shop.events, ["order.placed"])
        assertAppError(code: "cart.not_found", "a replay without the cart's token") {
            try shop.placeOrder.execute(
                request, idempotencyKey: "key-1", access: .guestToken("guess"), tenant: shop.tenant)
        }
    }

    func testSameKeyWithOtherBodyIsRejected() throws {
        let shop = Shop()
        try shop.configure()
        let (cart, access) = try shop.guestCart([shop.addVariant()])
        _ = try shop.placeOrder.execute(
            shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        let error = assertAppError(code: "idempotency.key_reused") {
            try shop.placeOrder.execute(
                shop.request(for: cart, email: "other@example.com"), idempotencyKey: "key-1", access: access,
                tenant: shop.tenant)
        }
        XCTAssertEqual(error?.kind, .conflict)
    }

    func testIdempotencyKeyIsRequiredAndChecked() throws {
        let shop = Shop()
        try shop.configure()
        let (cart, access) = try shop.guestCart([shop.addVariant()])
        for key in [nil, ""] as [String?] {
            let error = assertAppError(code: "idempotency.key_missing") {
                try shop.placeOrder.execute(
                    shop.request(for: cart), idempotencyKey: key, access: access, tenant: shop.tenant)
            }
            XCTAssertEqual(error?.fieldErrors.map(\.field), ["Idempotency-Key"])
        }
        for key in ["has space", String(repeating: "k", count: 256), "ключ"] {
            assertAppError(code: "idempotency.key_invalid") {
                try shop.placeOrder.execute(
                    shop.request(for: cart), idempotencyKey: key, access: access, tenant: shop.tenant)
            }
        }
        XCTAssertEqual(try shop.allOrders().count, 0)
    }

    func testFingerprintIgnoresNothingThatMatters() throws {
        let cartID = UUID()
        let base = CheckoutRequest(
            cartID: cartID, email: "a@example.com", shippingAddress: dhakaAddress, shippingMethod: "standard")
        XCTAssertEqual(base.fingerprint, base.fingerprint)
        XCTAssertEqual(base.fingerprint.count, 64)
        var changes: [CheckoutRequest] = []
        for change in 0..<5 {
            var other = base
            switch change {
            case 0: other.email = "b@example.com"
            case 1: other.shippingAddress?.line1 = "House 13"
            case 2: other.shippingMethod = "express"
            case 3: other.discountCode = "EID10"
            default: other.billingAddress = dhakaAddress
            }
            changes.append(other)
        }
        XCTAssertEqual(Set(changes.map(\.fingerprint) + [base.fingerprint]).count, 6)
    }

    func testInvalidFieldsAreListedTogether() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 5)
        let (cart, access) = try shop.guestCart([saree])
        var address = dhakaAddress
        address.district = "Atlantis"
        address.phone = "12"
        let request = CheckoutRequest(
            cartID: cart.id, email: "not-an-email", shippingAddress: address, shippingMethod: "teleport")
        let error = assertAppError(code: "request.invalid_fields") {
            try shop.placeOrder.execute(request, idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(
            error?.fieldErrors.map(\.field),
            ["email", "shipping_address.district", "shipping_address.phone", "shipping_method"])
        XCTAssertNil(try shop.attempt("key-1"))
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 5)
    }

    func testMissingShippingAddressAndMethod() throws {
        let shop = Shop()
        try shop.configure()
        let (cart, access) = try shop.guestCart([shop.addVariant()])
        let request = CheckoutRequest(
            cartID: cart.id, email: "a@example.com", shippingAddress: nil, shippingMethod: nil)
        let error = assertAppError(code: "request.invalid_fields") {
            try shop.placeOrder.execute(request, idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["shipping_address", "shipping_method"])
    }

    func testDigitalCartNeedsOnlyBillingAddress() throws {
        let shop = Shop()
        let pattern = shop.addVariant("Embroidery Pattern", price: "300.00", requiresShipping: false)
        let (cart, access) = try shop.guestCart([pattern])
        let missing = assertAppError(code: "request.invalid_fields") {
            try shop.placeOrder.execute(
                CheckoutRequest(cartID: cart.id, email: "a@example.com", shippingAddress: nil, shippingMethod: nil),
                idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(missing?.fieldErrors.map(\.field), ["billing_address"])

        let order = try shop.placeOrder.execute(
            CheckoutRequest(
                cartID: cart.id, email: "a@example.com", shippingAddress: nil, billingAddress: dhakaAddress,
                shippingMethod: nil),
            idempotencyKey: "key-2", access: access, tenant: shop.tenant
        ).order
        XCTAssertNil(order.shippingAddress)
        XCTAssertNil(order.shippingMethod)
        XCTAssertEqual(order.totals.total, money("300.00"))
    }

    func testChangedPriceIsReportedNotCharged() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(price: "4500.00", stock: 5)
        let (cart, access) = try shop.guestCart([saree])
        shop.catalog.setPrice(money("4750.00"), variantID: saree.variantID, tenantID: shop.tenant.id)

        let error = assertAppError(code: "cart.prices_changed") {
            try shop.placeOrder.execute(
                shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(error?.kind, .conflict)
        XCTAssertEqual(
            error?.extensions["changes"],
            .array([
                .object([
                    "variant_id": .string(saree.variantID.uuidString.lowercased()),
                    "old_price": .object(["amount": .string("4500.00"), "currency": .string("BDT")]),
                    "new_price": .object(["amount": .string("4750.00"), "currency": .string("BDT")]),
                ])
            ]))
        XCTAssertEqual(try shop.allOrders().count, 0)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 5)
        let stored = try GetCart(store: shop.store).execute(cartID: cart.id, access: access, tenant: shop.tenant)
        XCTAssertEqual(stored.lines.first?.unitPrice, money("4500.00"), "the cart kept the price the customer saw")

        _ = try RefreshCartPrices(store: shop.store, catalog: shop.catalog)
            .execute(cartID: cart.id, access: access, tenant: shop.tenant)
        let order = try shop.placeOrder.execute(
            shop.request(for: cart), idempotencyKey: "key-2", access: access, tenant: shop.tenant
        ).order
        XCTAssertEqual(order.totals.subtotal, money("4750.00"))
    }

    func testRemovedVariantIsReported() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant()
        let (cart, access) = try shop.guestCart([saree])
        shop.catalog.remove(variantID: saree.variantID, tenantID: shop.tenant.id)
        let error = assertAppError(code: "cart.variants_unavailable") {
            try shop.placeOrder.execute(
                shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(error?.extensions["variant_ids"], .array([.string(saree.variantID.uuidString.lowercased())]))
    }

    func testOutOfStockListsShortVariants() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 5)
        let lungi = shop.addVariant("Lungi", price: "650.00", stock: 5)
        let (cart, access) = try shop.guestCart([saree, lungi], quantity: 4)
        shop.catalog.put(
            VariantSnapshot(
                variantID: saree.variantID, productID: saree.productID, title: saree.title, sku: saree.sku,
                price: saree.price, availableQuantity: 1),
            tenantID: shop.tenant.id)
        _ = try shop.checkout([lungi], quantity: 2)

        let error = assertAppError(code: "out_of_stock") {
            try shop.placeOrder.execute(
                shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(error?.kind, .conflict)
        guard case .array(let variants)? = error?.extensions["variants"] else { return XCTFail("no variants listed") }
        let listed = Set(
            variants.compactMap { value -> String? in
                guard case .object(let members) = value, case .string(let id)? = members["variant_id"] else {
                    return nil
                }
                return id
            })
        XCTAssertEqual(listed, [saree.variantID.uuidString.lowercased(), lungi.variantID.uuidString.lowercased()])
        XCTAssertEqual(try shop.allOrders().count, 1)
        XCTAssertNil(try shop.attempt("key-1"), "a failed checkout frees its key")
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 1)
        XCTAssertEqual(shop.catalog.available(variantID: lungi.variantID, tenantID: shop.tenant.id), 3)

        shop.catalog.put(saree, tenantID: shop.tenant.id)
        _ = try shop.changeLine.execute(
            .setQuantity(3), variantID: lungi.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        let retried = try shop.placeOrder.execute(
            shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        XCTAssertEqual(retried.order.number, 1002)
    }

    func testCheckedOutCartCannotBeOrderedTwice() throws {
        let shop = Shop()
        try shop.configure()
        let (cart, access) = try shop.guestCart([shop.addVariant(stock: 5)])
        _ = try shop.placeOrder.execute(
            shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        assertAppError(code: "cart.checked_out") {
            try shop.placeOrder.execute(
                shop.request(for: cart), idempotencyKey: "key-2", access: access, tenant: shop.tenant)
        }
        assertAppError(code: "cart.checked_out") {
            try shop.changeLine.execute(
                .add(quantity: 1), variantID: cart.lines[0].variantID, cartID: cart.id, access: access,
                tenant: shop.tenant)
        }
        XCTAssertEqual(try shop.allOrders().count, 1)
    }

    func testEmptyCartIsRejected() throws {
        let shop = Shop()
        try shop.configure()
        let (cart, access) = try shop.guestCart([])
        assertAppError(code: "cart.empty") {
            try shop.placeOrder.execute(
                shop.request(for: cart), idempotencyKey: "key-1", access: access, tenant: shop.tenant)
        }
    }

    func testDiscountIsAppliedAndCounted() throws {
        let shop = Shop()
        try shop.configure(shipping: "60.00")
        try shop.saveDiscount(Discount(code: "EID10", value: .percentage(basisPoints: 1000), usageLimit: 3))
        let saree = shop.addVariant(price: "4500.00", stock: 5)
        let order = try shop.checkout([saree], discountCode: " eid10 ").order
        XCTAssertEqual(order.discountCode, "EID10")
        XCTAssertEqual(order.totals.discount, money("450.00"))
        XCTAssertEqual(order.totals.total, money("4110.00"))
        XCTAssertEqual(try shop.discount("EID10")?.usageCount, 1)

        assertAppError(code: "discount.not_found") { try shop.checkout([saree], discountCode: "NOPE") }
        XCTAssertEqual(try shop.allOrders().count, 1)
    }

    func testCustomerCheckoutRecordsCustomer() throws {
        let shop = Shop()
        try shop.configure()
        let customer = UUID()
        let saree = shop.addVariant()
        let cart = try shop.createCart.execute(tenant: shop.tenant, customerID: customer).cart
        _ = try shop.changeLine.execute(
            .add(quantity: 1), variantID: saree.variantID, cartID: cart.id, access: .customer(customer),
            tenant: shop.tenant)
        let order = try shop.placeOrder.execute(
            shop.request(for: cart), idempotencyKey: "key-1", access: .customer(customer), tenant: shop.tenant
        ).order
        XCTAssertEqual(order.customerID, customer)
        let next = try shop.createCart.execute(tenant: shop.tenant, customerID: customer).cart
        XCTAssertNotEqual(next.id, cart.id, "a checked-out cart is not reused")
    }
}
