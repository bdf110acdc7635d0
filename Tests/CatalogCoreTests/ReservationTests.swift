import CatalogCore
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class ReservationTests: XCTestCase {
    func testConcurrentReservationsAgainstTenInStock() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let product = try catalog.create.execute(
            ProductDraft(
                title: "Hand-painted Rickshaw Plate",
                variants: [VariantDraft(price: taka("450"), inventoryQuantity: 10)]),
            tenant: tenant
        ).product
        let variantID = product.variants[0].id
        let reserve = ReserveStock(inventory: catalog.inventory)

        let successes = Counter()
        let rejections = Counter()
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            let request = ReservationRequest(
                orderID: UUID(), lines: [ReservationLine(variantID: variantID, quantity: 1)])
            do {
                _ = try reserve.execute(request, tenant: tenant)
                successes.increment()
            } catch let error as AppError where error.code == "inventory.insufficient_stock" {
                rejections.increment()
            } catch {
                XCTFail("unexpected error \(error)")
            }
        }

        XCTAssertEqual(successes.value, 10)
        XCTAssertEqual(rejections.value, 190)
        XCTAssertEqual(try catalog.inventory.level(variantID: variantID, tenantID: tenant.id).available, 0)
        XCTAssertEqual(catalog.storage.events.filter { $0.type == "inventory.reserved" }.count, 10)
    }

    func testReleaseAndCommitRecordEvents() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let product = try catalog.create.execute(
            ProductDraft(title: "Jute Bag", variants: [VariantDraft(price: taka("300"), inventoryQuantity: 3)]),
            tenant: tenant
        ).product
        let line = ReservationLine(variantID: product.variants[0].id, quantity: 2)
        let cancelled = UUID()
        let paid = UUID()
        let reserve = ReserveStock(inventory: catalog.inventory)
        _ = try reserve.execute(ReservationRequest(orderID: cancelled, lines: [line]), tenant: tenant)
        _ = try ReleaseReservation(inventory: catalog.inventory).execute(orderID: cancelled, tenant: tenant)
        _ = try reserve.execute(ReservationRequest(orderID: paid, lines: [line]), tenant: tenant)
        _ = try CommitReservation(inventory: catalog.inventory).execute(orderID: paid, tenant: tenant)

        XCTAssertEqual(
            catalog.storage.events.map(\.type),
            [
                "product.created", "inventory.reserved", "inventory.released", "inventory.reserved",
                "inventory.committed",
            ])
        let released = catalog.storage.events[2].data
        XCTAssertEqual(
            released,
            .object([
                "order_id": .string(cancelled.uuidString.lowercased()),
                "lines": .array([
                    .object(["variant_id": .string(line.variantID.uuidString.lowercased()), "quantity": .number(2)])
                ]),
            ]))
        XCTAssertEqual(try catalog.inventory.level(variantID: line.variantID, tenantID: tenant.id).available, 1)
    }

    func testInvalidRequestsNameTheLine() {
        let catalog = Catalog()
        let reserve = ReserveStock(inventory: catalog.inventory)
        let empty = assertAppError(code: "request.invalid_fields") {
            _ = try reserve.execute(ReservationRequest(orderID: UUID(), lines: []), tenant: makeTenant())
        }
        XCTAssertEqual(empty?.fieldErrors.first?.field, "lines")
        let zero = assertAppError(code: "request.invalid_fields") {
            _ = try reserve.execute(
                ReservationRequest(orderID: UUID(), lines: [ReservationLine(variantID: UUID(), quantity: 0)]),
                tenant: makeTenant())
        }
        XCTAssertEqual(zero?.fieldErrors.first?.field, "lines[0].quantity")
    }
}

private final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
