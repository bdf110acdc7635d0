import CommonKernel
import Foundation
import OrderCore
import XCTest

final class InMemoryCatalogTests: XCTestCase {
    private let tenant = makeTenant()
    private let catalog = InMemoryCatalog()

    private func variant(stock: Int, tracks: Bool = true, policy: VariantSnapshot.InventoryPolicy = .deny) -> UUID {
        let snapshot = VariantSnapshot(
            variantID: UUID(), productID: UUID(), title: "Shital Pati", sku: "SP-\(stock)", price: money("900.00"),
            availableQuantity: stock, tracksInventory: tracks, inventoryPolicy: policy)
        catalog.put(snapshot, tenantID: tenant.id)
        return snapshot.variantID
    }

    private func available(_ id: UUID) -> Int? { catalog.available(variantID: id, tenantID: tenant.id) }

    func testReservationTakesAllOrNothing() throws {
        let mat = variant(stock: 2)
        let fan = variant(stock: 1)
        let order = UUID()
        let error = assertAppError(code: "out_of_stock") {
            try catalog.reserve(
                orderID: order,
                lines: [StockLine(variantID: mat, quantity: 3), StockLine(variantID: fan, quantity: 2)],
                tenant: tenant)
        }
        guard case .array(let listed)? = error?.extensions["variants"] else { return XCTFail("no variants") }
        XCTAssertEqual(listed.count, 2)
        XCTAssertEqual(available(mat), 2)
        XCTAssertEqual(available(fan), 1)
        XCTAssertNil(catalog.reservationState(orderID: order, tenantID: tenant.id))

        let lines = [StockLine(variantID: mat, quantity: 1), StockLine(variantID: mat, quantity: 1)]
        try catalog.reserve(orderID: order, lines: lines, tenant: tenant)
        try catalog.reserve(orderID: order, lines: [StockLine(variantID: mat, quantity: 2)], tenant: tenant)
        XCTAssertEqual(available(mat), 0, "a repeated reservation takes nothing twice")
        assertAppError(code: "stock.reservation_mismatch") {
            try catalog.reserve(orderID: order, lines: [StockLine(variantID: mat, quantity: 1)], tenant: tenant)
        }
    }

    func testReleaseAndCommitTransitions() throws {
        let mat = variant(stock: 5)
        let (cancelled, paid) = (UUID(), UUID())
        try catalog.reserve(orderID: cancelled, lines: [StockLine(variantID: mat, quantity: 2)], tenant: tenant)
        try catalog.reserve(orderID: paid, lines: [StockLine(variantID: mat, quantity: 1)], tenant: tenant)

        try catalog.release(orderID: cancelled, tenant: tenant)
        try catalog.release(orderID: cancelled, tenant: tenant)
        XCTAssertEqual(available(mat), 4)
        assertAppError(code: "stock.reservation_released") { try catalog.commit(orderID: cancelled, tenant: tenant) }
        assertAppError(code: "stock.reservation_released") {
            try catalog.reserve(orderID: cancelled, lines: [StockLine(variantID: mat, quantity: 2)], tenant: tenant)
        }

        try catalog.commit(orderID: paid, tenant: tenant)
        try catalog.commit(orderID: paid, tenant: tenant)
        XCTAssertEqual(available(mat), 4)
        assertAppError(code: "stock.reservation_committed") { try catalog.release(orderID: paid, tenant: tenant) }
        assertAppError(code: "stock.reservation_not_found") { try catalog.commit(orderID: UUID(), tenant: tenant) }
    }

    func testLateReservationAfterReleaseIsRejected() throws {
        let mat = variant(stock: 5)
        let order = UUID()
        try catalog.release(orderID: order, tenant: tenant)
        assertAppError(code: "stock.reservation_released") {
            try catalog.reserve(orderID: order, lines: [StockLine(variantID: mat, quantity: 1)], tenant: tenant)
        }
        XCTAssertEqual(available(mat), 5)
    }

    func testUntrackedAndBackorderVariants() throws {
        let digital = variant(stock: 0, tracks: false)
        let backorder = variant(stock: 1, policy: .continue)
        try catalog.reserve(
            orderID: UUID(),
            lines: [StockLine(variantID: digital, quantity: 5), StockLine(variantID: backorder, quantity: 3)],
            tenant: tenant)
        XCTAssertEqual(available(digital), 0)
        XCTAssertEqual(available(backorder), -2)
    }

    func testOtherTenantSeesNothing() throws {
        let mat = variant(stock: 5)
        XCTAssertEqual(try catalog.variants([mat], tenant: makeTenant()), [])
        assertAppError(code: "out_of_stock") {
            try catalog.reserve(orderID: UUID(), lines: [StockLine(variantID: mat, quantity: 1)], tenant: makeTenant())
        }
    }
}
