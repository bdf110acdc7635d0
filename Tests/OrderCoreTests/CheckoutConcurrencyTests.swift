import CommonKernel
import Foundation
import OrderCore
import Synchronization
import XCTest

/// Counts outcomes of calls made from many threads at once.
final class Outcomes: Sendable {
    private let state = Mutex<(orders: [Order], errors: [String: Int])>(([], [:]))

    func record(_ order: Order) { state.withLock { $0.orders.append(order) } }

    func record(_ error: Error) {
        let code = (error as? AppError)?.code ?? "\(error)"
        state.withLock { $0.errors[code, default: 0] += 1 }
    }

    var orders: [Order] { state.withLock { $0.orders } }
    var errors: [String: Int] { state.withLock { $0.errors } }
}

/// A catalog that blocks every price lookup until `count` checkouts have made one, so that all
/// of them pass validation before any reserves stock or redeems a discount.
final class GatedCatalog: CatalogGateway {
    private let inner: InMemoryCatalog
    private let count: Int
    private let condition = NSCondition()
    private let arrivals = Mutex(0)

    init(_ inner: InMemoryCatalog, count: Int) {
        self.inner = inner
        self.count = count
    }

    func variants(_ ids: [UUID], tenant: TenantRecord) throws -> [VariantSnapshot] {
        condition.lock()
        let arrived = arrivals.withLock { value -> Int in
            value += 1
            return value
        }
        if arrived >= count { condition.broadcast() }
        let deadline = Date().addingTimeInterval(20)
        while arrivals.withLock({ $0 }) < count, condition.wait(until: deadline) {}
        condition.unlock()
        return try inner.variants(ids, tenant: tenant)
    }
}

final class CheckoutConcurrencyTests: XCTestCase {
    /// Prepares `count` guest carts, then checks them all out at once on a thread each.
    private func rush(
        _ shop: Shop, carts count: Int, of variant: VariantSnapshot, discountCode: String? = nil
    ) throws -> Outcomes {
        let carts = try (0..<count).map { _ in try shop.guestCart([variant]) }
        let placeOrder = PlaceOrder(
            store: shop.store, catalog: GatedCatalog(shop.catalog, count: count), stock: shop.catalog,
            clock: shop.clock.function, logger: shop.logger)
        let outcomes = Outcomes()
        let group = DispatchGroup()
        for (index, (cart, access)) in carts.enumerated() {
            group.enter()
            let request = shop.request(for: cart, discountCode: discountCode)
            let tenant = shop.tenant
            let thread = Thread {
                do {
                    let result = try placeOrder.execute(
                        request, idempotencyKey: "rush-\(index)", access: access, tenant: tenant)
                    outcomes.record(result.order)
                } catch {
                    outcomes.record(error)
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return outcomes
    }

    func testNoOversellUnderConcurrentCheckouts() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 10)
        let outcomes = try rush(shop, carts: 200, of: saree)

        XCTAssertEqual(outcomes.orders.count, 10)
        XCTAssertEqual(outcomes.errors, ["out_of_stock": 190])
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 0)
        XCTAssertEqual(shop.catalog.reservationCount(.reserved, tenantID: shop.tenant.id), 10)
        XCTAssertEqual(try shop.allOrders().map(\.number).sorted(), Array(1001...1010))
        XCTAssertEqual(shop.events.filter { $0 == "order.placed" }.count, 10)
    }

    func testDiscountLimitHoldsUnderConcurrentCheckouts() throws {
        let shop = Shop()
        try shop.configure()
        try shop.saveDiscount(Discount(code: "FIRST5", value: .fixed(money("100.00")), usageLimit: 5))
        let saree = shop.addVariant(stock: 1000)
        let outcomes = try rush(shop, carts: 200, of: saree, discountCode: "FIRST5")

        XCTAssertEqual(outcomes.orders.count, 5)
        XCTAssertEqual(outcomes.errors, ["discount.exhausted": 195])
        XCTAssertEqual(try shop.discount("FIRST5")?.usageCount, 5)
        let redeemers = try shop.store.transaction(tenantID: shop.tenant.id) {
            try $0.discounts.redeemingOrders(code: "FIRST5", tenantID: shop.tenant.id)
        }
        XCTAssertEqual(redeemers, Set(outcomes.orders.map(\.id)))
        XCTAssertEqual(
            shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 995,
            "checkouts that lost the discount must release their stock")
    }

    func testConcurrentNumbersAreConsecutivePerTenant() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 10_000)
        let other = Shop()
        try other.configure()
        let otherVariant = other.addVariant(stock: 100)

        let outcomes = try rush(shop, carts: 500, of: saree)
        let otherOrder = try other.checkout([otherVariant]).order

        XCTAssertEqual(outcomes.errors, [:])
        let numbers = outcomes.orders.map(\.number)
        XCTAssertEqual(Set(numbers).count, 500)
        XCTAssertEqual(numbers.sorted(), Array(1001...1500))
        XCTAssertEqual(otherOrder.number, 1001, "another tenant counts on its own")
    }

    func testConcurrentRetriesOfOneKeyPlaceOneOrder() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 100)
        let (cart, access) = try shop.guestCart([saree])
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            do {
                let result = try shop.placeOrder.execute(
                    shop.request(for: cart), idempotencyKey: "same-key", access: access, tenant: shop.tenant)
                outcomes.record(result.order)
            } catch {
                outcomes.record(error)
            }
        }
        XCTAssertEqual(Set(outcomes.orders.map(\.id)).count, 1)
        XCTAssertEqual(outcomes.orders.count + outcomes.errors["idempotency.in_progress", default: 0], 20)
        XCTAssertEqual(outcomes.errors.keys.filter { $0 != "idempotency.in_progress" }, [])
        XCTAssertEqual(try shop.allOrders().count, 1)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 99)
    }
}
