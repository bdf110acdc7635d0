import CommonKernel
import Foundation
import OrderCore
import XCTest

final class OrderTransitionTests: XCTestCase {
    private let time = Date(timeIntervalSince1970: 1_800_000_000)

    private func order(_ status: OrderStatus) throws -> Order {
        let address = PostalAddress(
            name: "Karim", line1: "Road 1", city: "Sylhet", district: "Sylhet", postcode: "3100", country: "BD",
            phone: "+8801712345678")
        let line = try OrderLine(
            variantID: UUID(), productID: UUID(), title: "Nakshi Kantha", variantTitle: "Blue", sku: "NK-1",
            unitPrice: money("2500.00"), quantity: 1, weightGrams: 800, requiresShipping: true, taxable: true)
        let totals = OrderTotals(
            subtotal: money("2500.00"), discount: money("0.00"), shipping: money("0.00"), tax: money("0.00"),
            total: money("2500.00"), taxIncluded: false)
        return Order(
            id: UUID(), tenantID: UUID(), number: 1001, status: status, email: try EmailAddress("karim@example.com"),
            customerID: nil, cartID: UUID(), lines: [line], shippingAddress: address, billingAddress: address,
            shippingMethod: nil, discountCode: nil, totals: totals, accessToken: "token", stock: .reserved,
            holdExpiresAt: time, history: [], placedAt: time, updatedAt: time, version: 1)
    }

    func testTransitionTable() throws {
        let expected: Set<String> = [
            "pending_payment>paid", "pending_payment>cancelled",
            "paid>fulfilled", "paid>cancelled", "paid>partially_refunded", "paid>refunded",
            "fulfilled>partially_refunded", "fulfilled>refunded",
            "partially_refunded>fulfilled", "partially_refunded>cancelled", "partially_refunded>partially_refunded",
            "partially_refunded>refunded",
            "cancelled>partially_refunded", "cancelled>refunded",
        ]
        for from in OrderStatus.allCases {
            for to in OrderStatus.allCases {
                let pair = "\(from.rawValue)>\(to.rawValue)"
                XCTAssertEqual(from.canTransition(to: to), expected.contains(pair), pair)
            }
        }
    }

    func testAllowedTransitionRecordsHistory() throws {
        var paid = try order(.pendingPayment)
        let staff = UUID()
        try paid.transition(to: .paid, by: .system, at: time.addingTimeInterval(5), message: "payment pi_1")
        try paid.transition(to: .fulfilled, by: .user(staff), at: time.addingTimeInterval(9))
        XCTAssertEqual(paid.status, .fulfilled)
        XCTAssertEqual(paid.updatedAt, time.addingTimeInterval(9))
        XCTAssertEqual(paid.history.map(\.fromStatus), [.pendingPayment, .paid])
        XCTAssertEqual(paid.history.map(\.toStatus), [.paid, .fulfilled])
        XCTAssertEqual(paid.history.map(\.actor), [.system, .user(staff)])
        XCTAssertEqual(paid.history.first?.message, "payment pi_1")
    }

    func testIllegalTransitionNamesBothStatuses() throws {
        for (from, to) in [
            (OrderStatus.refunded, OrderStatus.paid), (.pendingPayment, .fulfilled), (.cancelled, .paid),
        ] {
            var subject = try order(from)
            let error = assertAppError(code: "order.invalid_transition") {
                try subject.transition(to: to, by: .system, at: time)
            }
            XCTAssertEqual(error?.kind, .conflict)
            XCTAssertEqual(error?.extensions["from"], .string(from.rawValue))
            XCTAssertEqual(error?.extensions["to"], .string(to.rawValue))
            XCTAssertEqual(subject.status, from, "status changed after a rejected transition")
            XCTAssertTrue(subject.history.isEmpty)
        }
    }

    func testPendingStockChangeFollowsStatus() throws {
        XCTAssertNil(try order(.pendingPayment).pendingStockChange)
        XCTAssertEqual(try order(.cancelled).pendingStockChange, .released)
        for status in [OrderStatus.paid, .fulfilled, .partiallyRefunded, .refunded] {
            XCTAssertEqual(try order(status).pendingStockChange, .committed, status.rawValue)
        }
        var committed = try order(.cancelled)
        committed.stock = .committed
        XCTAssertNil(committed.pendingStockChange)
    }

    func testActorStoredForm() {
        let id = UUID()
        XCTAssertEqual(OrderActor(stored: OrderActor.user(id).description), .user(id))
        XCTAssertEqual(OrderActor(stored: "system"), .system)
        XCTAssertEqual(OrderActor(stored: "customer"), .customer)
        XCTAssertNil(OrderActor(stored: "robot"))
    }
}
