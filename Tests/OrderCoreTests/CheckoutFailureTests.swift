import CommonKernel
import Foundation
import OrderCore
import XCTest

/// A stock gateway that runs `afterReserve` once a reservation went through.
struct HookedStock: StockGateway {
    let inner: InMemoryCatalog
    let afterReserve: @Sendable () -> Void

    func reserve(orderID: UUID, lines: [StockLine], tenant: TenantRecord) throws {
        try inner.reserve(orderID: orderID, lines: lines, tenant: tenant)
        afterReserve()
    }

    func release(orderID: UUID, tenant: TenantRecord) throws { try inner.release(orderID: orderID, tenant: tenant) }
    func commit(orderID: UUID, tenant: TenantRecord) throws { try inner.commit(orderID: orderID, tenant: tenant) }
}

/// A catalog that runs `beforeRead` before every price lookup.
struct HookedCatalog: CatalogGateway {
    let inner: InMemoryCatalog
    let beforeRead: @Sendable () -> Void

    func variants(_ ids: [UUID], tenant: TenantRecord) throws -> [VariantSnapshot] {
        beforeRead()
        return try inner.variants(ids, tenant: tenant)
    }
}

final class CheckoutFailureTests: XCTestCase {
    private struct Setup {
        let shop: Shop
        let variant: VariantSnapshot
        let cart: Cart
        let access: CartAccess
        var request: CheckoutRequest { shop.request(for: cart, discountCode: "EID10") }

        func place(_ key: String = "key-1", with placeOrder: PlaceOrder? = nil) throws -> PlaceOrder.Result {
            try (placeOrder ?? shop.placeOrder).execute(
                request, idempotencyKey: key, access: access, tenant: shop.tenant)
        }

        var available: Int? { shop.catalog.available(variantID: variant.variantID, tenantID: shop.tenant.id) }
    }

    private func setUpCheckout() throws -> Setup {
        let shop = Shop()
        try shop.configure()
        try shop.saveDiscount(Discount(code: "EID10", value: .percentage(basisPoints: 1000), usageLimit: 10))
        let variant = shop.addVariant(stock: 5)
        let (cart, access) = try shop.guestCart([variant], quantity: 2)
        return Setup(shop: shop, variant: variant, cart: cart, access: access)
    }

    /// Asserts that a failed checkout left nothing behind, then that a retry with the same key works.
    private func assertNoTraceThenRetry(
        _ setup: Setup, _ context: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let shop = setup.shop
        XCTAssertEqual(try shop.allOrders().count, 0, "orders after \(context)", file: file, line: line)
        XCTAssertEqual(setup.available, 5, "stock after \(context)", file: file, line: line)
        XCTAssertEqual(
            try shop.discount("EID10")?.usageCount, 0, "discount uses after \(context)", file: file, line: line)
        XCTAssertEqual(shop.events, [], "events after \(context)", file: file, line: line)
        XCTAssertNil(try shop.attempt("key-1"), "attempt after \(context)", file: file, line: line)
        let cart = try GetCart(store: shop.store).execute(
            cartID: setup.cart.id, access: setup.access, tenant: shop.tenant)
        XCTAssertNil(cart.checkedOutOrderID, "cart after \(context)", file: file, line: line)

        shop.faults.disarmAll()
        let retried = try setup.place()
        XCTAssertFalse(retried.replayed, context, file: file, line: line)
        XCTAssertEqual(retried.order.number, 1001, "number after \(context)", file: file, line: line)
        XCTAssertEqual(setup.available, 3, "stock after the retry of \(context)", file: file, line: line)
        XCTAssertEqual(try shop.discount("EID10")?.usageCount, 1, file: file, line: line)
    }

    func testFailureAtEachStepLeavesNoTrace() throws {
        // The checkout's transactions are: find the key and read the cart, begin the attempt, store
        // the order. `skipping` lets the earlier ones pass where a point is shared.
        let steps: [(FaultPlan.Point, Int)] = [
            (.beginAttempt, 0), (.readVariants, 0), (.reserveStock, 0), (.reserveStockResponseLost, 0),
            (.completeAttempt, 0), (.updateCart, 0), (.redeemDiscount, 0), (.allocateNumber, 0), (.insertOrder, 0),
            (.appendEvent, 0), (.commit, 2),
        ]
        for (point, skipping) in steps {
            let setup = try setUpCheckout()
            setup.shop.faults.arm(point, skipping: skipping)
            assertAppError(code: "test.fault", point.rawValue) { try setup.place() }
            XCTAssertFalse(setup.shop.faults.isArmed(point), "\(point.rawValue) was never reached")
            try assertNoTraceThenRetry(setup, point.rawValue)
        }
    }

    func testFailedReleaseIsFinishedByRecovery() throws {
        let setup = try setUpCheckout()
        let shop = setup.shop
        shop.faults.arm(.insertOrder)
        shop.faults.arm(.releaseStock)
        assertAppError(code: "test.fault") { try setup.place() }
        XCTAssertEqual(try shop.attempt("key-1")?.state, .abandoning)
        XCTAssertEqual(setup.available, 3, "the stock stays held until it is released")
        XCTAssertTrue(shop.logSink.capturedLines.contains { $0.contains("checkout compensation failed") })
        assertAppError(code: "idempotency.in_progress") { try setup.place() }

        XCTAssertEqual(try shop.recover.execute(tenant: shop.tenant, now: shop.clock.now), 0, "too recent to recover")
        shop.clock.advance(seconds: RecoverAbandonedCheckouts.defaultStaleAfter + 1)
        XCTAssertEqual(try shop.recover.execute(tenant: shop.tenant, now: shop.clock.now), 1)
        try assertNoTraceThenRetry(setup, "a failed release")
    }

    func testFailedMarkIsFinishedByRecovery() throws {
        let setup = try setUpCheckout()
        let shop = setup.shop
        shop.faults.arm(.insertOrder)
        shop.faults.arm(.markAbandoning)
        assertAppError(code: "test.fault") { try setup.place() }
        XCTAssertEqual(try shop.attempt("key-1")?.state, .pending)
        XCTAssertEqual(setup.available, 3)

        shop.clock.advance(seconds: RecoverAbandonedCheckouts.defaultStaleAfter + 1)
        XCTAssertEqual(try shop.recover.execute(tenant: shop.tenant, now: shop.clock.now), 1)
        try assertNoTraceThenRetry(setup, "a failed mark")
    }

    func testFailedDeleteIsFinishedByRecovery() throws {
        let setup = try setUpCheckout()
        let shop = setup.shop
        shop.faults.arm(.insertOrder)
        shop.faults.arm(.deleteAttempt)
        assertAppError(code: "test.fault") { try setup.place() }
        XCTAssertEqual(try shop.attempt("key-1")?.state, .abandoning)
        XCTAssertEqual(setup.available, 5, "the release already happened")

        shop.clock.advance(seconds: RecoverAbandonedCheckouts.defaultStaleAfter + 1)
        XCTAssertEqual(try shop.recover.execute(tenant: shop.tenant, now: shop.clock.now), 1)
        try assertNoTraceThenRetry(setup, "a failed delete")
    }

    func testLostCommitResponseKeepsOrderAndStock() throws {
        let setup = try setUpCheckout()
        let shop = setup.shop
        shop.faults.arm(.commitResponseLost, skipping: 2)
        assertAppError(code: "test.fault") { try setup.place() }

        let orders = try shop.allOrders()
        XCTAssertEqual(orders.count, 1, "the order was committed although the caller saw an error")
        XCTAssertEqual(setup.available, 3, "the stock of a stored order must not be released")
        XCTAssertEqual(shop.catalog.reservationState(orderID: orders[0].id, tenantID: shop.tenant.id), .reserved)
        let retried = try setup.place()
        XCTAssertTrue(retried.replayed)
        XCTAssertEqual(retried.order.id, orders[0].id)
    }

    func testRecoveryDuringSlowCheckoutWins() throws {
        let setup = try setUpCheckout()
        let shop = setup.shop
        let stock = HookedStock(inner: shop.catalog) {
            shop.clock.advance(seconds: RecoverAbandonedCheckouts.defaultStaleAfter + 1)
            _ = try? shop.recover.execute(tenant: shop.tenant, now: shop.clock.now)
        }
        let slow = PlaceOrder(
            store: shop.store, catalog: shop.catalog, stock: stock, clock: shop.clock.function, logger: shop.logger)
        assertAppError(code: "idempotency.attempt_lost") { try setup.place(with: slow) }
        try assertNoTraceThenRetry(setup, "recovery during the checkout")
    }

    func testCartChangedDuringCheckoutIsRejected() throws {
        let setup = try setUpCheckout()
        let shop = setup.shop
        let extra = shop.addVariant("Lungi", price: "650.00", stock: 5)
        let catalog = HookedCatalog(inner: shop.catalog) {
            _ = try? shop.changeLine.execute(
                .add(quantity: 1), variantID: extra.variantID, cartID: setup.cart.id, access: setup.access,
                tenant: shop.tenant)
        }
        let racing = PlaceOrder(
            store: shop.store, catalog: catalog, stock: shop.catalog, clock: shop.clock.function, logger: shop.logger)
        assertAppError(code: "cart.changed") { try setup.place(with: racing) }
        XCTAssertEqual(try shop.allOrders().count, 0)
        XCTAssertEqual(setup.available, 5)
        XCTAssertNil(try shop.attempt("key-1"))
    }
}
