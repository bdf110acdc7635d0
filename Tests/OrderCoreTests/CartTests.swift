import CommonKernel
import Foundation
import OrderCore
import XCTest

final class CartTests: XCTestCase {
    func testGuestCartAddsAndMergesLines() throws {
        let shop = Shop()
        let saree = shop.addVariant(price: "4500.00")
        let created = try shop.createCart.execute(tenant: shop.tenant)
        let token = try XCTUnwrap(created.token)
        XCTAssertEqual(created.cart.owner, .guest(token: token))

        let access = CartAccess.guestToken(token)
        _ = try shop.changeLine.execute(
            .add(quantity: 2), variantID: saree.variantID, cartID: created.cart.id, access: access, tenant: shop.tenant)
        let cart = try shop.changeLine.execute(
            .add(quantity: 3), variantID: saree.variantID, cartID: created.cart.id, access: access, tenant: shop.tenant)
        XCTAssertEqual(cart.lines.count, 1)
        XCTAssertEqual(cart.lines.first?.quantity, 5)
        XCTAssertEqual(cart.lines.first?.unitPrice, money("4500.00"))
        XCTAssertEqual(cart.lines.first?.sku, saree.sku)
        XCTAssertEqual(cart.lines.first?.title, "Jamdani Saree")
        XCTAssertEqual(cart.revision, 3)
    }

    func testQuantityOutsideRangeNamesField() throws {
        let shop = Shop()
        let saree = shop.addVariant(stock: 5000)
        let (cart, access) = try shop.guestCart([saree])
        for quantity in [0, -1, 1000] {
            let error = assertAppError(code: "request.invalid_fields") {
                try shop.changeLine.execute(
                    .setQuantity(quantity), variantID: saree.variantID, cartID: cart.id, access: access,
                    tenant: shop.tenant)
            }
            XCTAssertEqual(error?.fieldErrors.map(\.field), ["quantity"], "quantity \(quantity)")
        }
        let merged = assertAppError(code: "request.invalid_fields") {
            try shop.changeLine.execute(
                .add(quantity: 999), variantID: saree.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(merged?.fieldErrors.map(\.field), ["quantity"])
        let updated = try shop.changeLine.execute(
            .setQuantity(999), variantID: saree.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        XCTAssertEqual(updated.lines.first?.quantity, 999)
    }

    func testWrongTokenLooksLikeMissingCart() throws {
        let shop = Shop()
        let (cart, access) = try shop.guestCart([shop.addVariant()])
        guard case .guestToken(let token) = access else { return XCTFail("guest cart without token") }
        var wrong = Array(token)
        wrong[0] = wrong[0] == "A" ? "B" : "A"
        for presented in [CartAccess.guestToken(String(wrong)), .guestToken(""), .customer(UUID())] {
            assertAppError(code: "cart.not_found") {
                try GetCart(store: shop.store).execute(cartID: cart.id, access: presented, tenant: shop.tenant)
            }
        }
        XCTAssertEqual(
            try GetCart(store: shop.store).execute(cartID: cart.id, access: access, tenant: shop.tenant).id, cart.id)
    }

    func testCartOfAnotherTenantIsInvisible() throws {
        let shop = Shop()
        let (cart, access) = try shop.guestCart([shop.addVariant()])
        assertAppError(code: "cart.not_found") {
            try GetCart(store: shop.store).execute(cartID: cart.id, access: access, tenant: makeTenant())
        }
    }

    func testCustomerCartIsReusedUntilCheckout() throws {
        let shop = Shop()
        let customer = UUID()
        let first = try shop.createCart.execute(tenant: shop.tenant, customerID: customer)
        XCTAssertNil(first.token)
        XCTAssertEqual(first.cart.owner, .customer(customer))
        let second = try shop.createCart.execute(tenant: shop.tenant, customerID: customer)
        XCTAssertEqual(second.cart.id, first.cart.id)
        let otherCustomer = try shop.createCart.execute(tenant: shop.tenant, customerID: UUID())
        XCTAssertNotEqual(otherCustomer.cart.id, first.cart.id)
        assertAppError(code: "cart.not_found") {
            try GetCart(store: shop.store).execute(
                cartID: first.cart.id, access: .customer(UUID()), tenant: shop.tenant)
        }
    }

    func testUnknownVariantAndStockLimits() throws {
        let shop = Shop()
        let scarce = shop.addVariant(stock: 2)
        let (cart, access) = try shop.guestCart([])
        let missing = assertAppError(code: "variant.not_found") {
            try shop.changeLine.execute(
                .add(quantity: 1), variantID: UUID(), cartID: cart.id, access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(missing?.fieldErrors.map(\.field), ["variant_id"])
        let short = assertAppError(code: "out_of_stock") {
            try shop.changeLine.execute(
                .add(quantity: 3), variantID: scarce.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        }
        XCTAssertEqual(
            short?.extensions["variants"],
            .array([
                .object([
                    "variant_id": .string(scarce.variantID.uuidString.lowercased()), "requested": .number(3),
                    "available": .number(2),
                ])
            ]))
    }

    func testRemoveLineAndMissingLine() throws {
        let shop = Shop()
        let saree = shop.addVariant()
        let (cart, access) = try shop.guestCart([saree, shop.addVariant("Lungi", price: "650.00")])
        let removed = try shop.changeLine.execute(
            .remove, variantID: saree.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        XCTAssertEqual(removed.lines.map(\.title), ["Lungi"])
        assertAppError(code: "cart.line_not_found") {
            try shop.changeLine.execute(
                .remove, variantID: saree.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        }
    }

    func testCurrencyMismatchIsRejected() throws {
        let shop = Shop()
        let dollars = VariantSnapshot(
            variantID: UUID(), productID: UUID(), title: "Import", sku: "IMP", price: money("10.00", .usd),
            availableQuantity: 5)
        shop.catalog.put(dollars, tenantID: shop.tenant.id)
        let (cart, access) = try shop.guestCart([])
        assertAppError(code: "cart.currency_mismatch") {
            try shop.changeLine.execute(
                .add(quantity: 1), variantID: dollars.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        }
    }

    func testRefreshAcceptsNewPricesAndDropsGoneVariants() throws {
        let shop = Shop()
        let saree = shop.addVariant(price: "4500.00")
        let lungi = shop.addVariant("Lungi", price: "650.00")
        let (cart, access) = try shop.guestCart([saree, lungi])
        shop.catalog.setPrice(money("4800.00"), variantID: saree.variantID, tenantID: shop.tenant.id)
        shop.catalog.remove(variantID: lungi.variantID, tenantID: shop.tenant.id)

        let refreshed = try RefreshCartPrices(store: shop.store, catalog: shop.catalog, clock: shop.clock.function)
            .execute(cartID: cart.id, access: access, tenant: shop.tenant)
        XCTAssertEqual(refreshed.cart.lines.map(\.unitPrice), [money("4800.00")])
        XCTAssertEqual(refreshed.applied.changes.map(\.oldPrice), [money("4500.00")])
        XCTAssertEqual(refreshed.applied.changes.map(\.newPrice), [money("4800.00")])
        XCTAssertEqual(refreshed.applied.unavailable, [lungi.variantID])
    }

    func testConcurrentEditsOfOneCartAllCount() throws {
        let shop = Shop()
        let saree = shop.addVariant(stock: 1000)
        let (cart, access) = try shop.guestCart([])
        DispatchQueue.concurrentPerform(iterations: 50) { _ in
            _ = try? shop.changeLine.execute(
                .add(quantity: 1), variantID: saree.variantID, cartID: cart.id, access: access, tenant: shop.tenant)
        }
        let stored = try GetCart(store: shop.store).execute(cartID: cart.id, access: access, tenant: shop.tenant)
        XCTAssertEqual(stored.lines.first?.quantity, 50)
        XCTAssertEqual(stored.revision, 51)
    }
}
