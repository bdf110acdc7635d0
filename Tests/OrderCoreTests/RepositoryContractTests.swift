import CommonKernel
import Foundation
import OrderCore
import XCTest

final class RepositoryContractTests: XCTestCase {
    func testInMemoryStoreKeepsContract() {
        let checks = OrderStoreContract.checks
        XCTAssertGreaterThanOrEqual(checks.count, 19, "the contract lost checks")
        for check in checks {
            do {
                try check.run(InMemoryOrderStore().underTest)
            } catch {
                XCTFail("\(check.name): \(error)")
            }
        }
    }

    func testContractDetectsGapsInNumbering() {
        // A store that skips numbers must fail the contract, or the contract proves nothing.
        let store = GappyNumberStore(inner: InMemoryOrderStore())
        let subject = OrderStoreUnderTest(store: store, events: { store.inner.events(tenantID: $0) })
        let failures = OrderStoreContract.checks.filter { check in
            (try? check.run(subject)) == nil
        }.map(\.name)
        XCTAssertTrue(failures.contains("order numbers start at 1001 per tenant"), "\(failures)")
        XCTAssertTrue(failures.contains("concurrent numbering leaves no gaps"), "\(failures)")
    }
}

/// An order store whose numbering skips every other number.
private struct GappyNumberStore: OrderStore {
    let inner: InMemoryOrderStore

    func transaction<Value: Sendable>(tenantID: UUID, _ work: (OrderTransaction) throws -> Value) throws -> Value {
        try inner.transaction(tenantID: tenantID) { transaction in
            try work(
                OrderTransaction(
                    carts: transaction.carts, orders: GappyOrders(inner: transaction.orders),
                    discounts: transaction.discounts, checkoutAttempts: transaction.checkoutAttempts,
                    settings: transaction.settings, events: transaction.events))
        }
    }
}

private struct GappyOrders: OrderRepository {
    let inner: any OrderRepository

    func allocateNumber(tenantID: UUID) throws -> Int {
        _ = try inner.allocateNumber(tenantID: tenantID)
        return try inner.allocateNumber(tenantID: tenantID)
    }

    func insert(_ order: Order, tenantID: UUID) throws { try inner.insert(order, tenantID: tenantID) }
    func update(_ order: Order, tenantID: UUID) throws -> Order { try inner.update(order, tenantID: tenantID) }
    func find(id: UUID, tenantID: UUID) throws -> Order? { try inner.find(id: id, tenantID: tenantID) }
    func find(number: Int, tenantID: UUID) throws -> Order? { try inner.find(number: number, tenantID: tenantID) }
    func list(_ query: OrderQuery, tenantID: UUID) throws -> OrderPage { try inner.list(query, tenantID: tenantID) }
    func expiredHolds(at time: Date, limit: Int, tenantID: UUID) throws -> [Order] {
        try inner.expiredHolds(at: time, limit: limit, tenantID: tenantID)
    }
    func pendingStockChanges(limit: Int, tenantID: UUID) throws -> [Order] {
        try inner.pendingStockChanges(limit: limit, tenantID: tenantID)
    }
}
