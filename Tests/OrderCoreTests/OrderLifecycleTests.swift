import CommonKernel
import Foundation
import OrderCore
import XCTest

final class OrderLifecycleTests: XCTestCase {
    private func placed(_ shop: Shop, discountCode: String? = nil) throws -> (Order, VariantSnapshot) {
        try shop.configure(shipping: "60.00")
        let saree = shop.addVariant(price: "4500.00", stock: 10)
        return (try shop.checkout([saree], quantity: 2, discountCode: discountCode).order, saree)
    }

    func testPaymentMarksPaidAndCommitsStock() throws {
        let shop = Shop()
        let (order, saree) = try placed(shop)
        let paid = try shop.markPaid.execute(
            orderID: order.id, paymentID: "pay_1", amount: money("9060.00"), tenant: shop.tenant)
        XCTAssertEqual(paid.status, .paid)
        XCTAssertEqual(paid.stock, .committed)
        XCTAssertEqual(paid.paidAmount, money("9060.00"))
        XCTAssertEqual(paid.history.map(\.kind), [.placed, .statusChanged, .stockCommitted])
        XCTAssertEqual(paid.history[1].actor, .system)
        XCTAssertEqual(shop.catalog.reservationState(orderID: order.id, tenantID: shop.tenant.id), .committed)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 8)
        XCTAssertEqual(shop.events, ["order.placed", "order.paid"])

        let again = try shop.markPaid.execute(
            orderID: order.id, paymentID: "pay_1", amount: money("9060.00"), tenant: shop.tenant)
        XCTAssertEqual(again, paid, "a redelivered payment changes nothing")
        XCTAssertEqual(shop.events, ["order.placed", "order.paid"])
        assertAppError(code: "order.invalid_transition") {
            try shop.markPaid.execute(
                orderID: order.id, paymentID: "pay_2", amount: money("9060.00"), tenant: shop.tenant)
        }
    }

    func testPaymentAmountMustMatchTotal() throws {
        let shop = Shop()
        let (order, _) = try placed(shop)
        let error = assertAppError(code: "payment.amount_mismatch") {
            try shop.markPaid.execute(
                orderID: order.id, paymentID: "pay_1", amount: money("9000.00"), tenant: shop.tenant)
        }
        XCTAssertEqual(error?.extensions["expected"], money("9060.00").jsonValue)
        XCTAssertEqual(try shop.order(order.id)?.status, .pendingPayment)
        assertAppError(code: "order.not_found") {
            try shop.markPaid.execute(orderID: UUID(), paymentID: "pay_1", amount: money("1.00"), tenant: shop.tenant)
        }
    }

    func testFailedStockCommitIsRetried() throws {
        let shop = Shop()
        let (order, _) = try placed(shop)
        shop.faults.arm(.commitStock)
        let paid = try shop.markPaid.execute(
            orderID: order.id, paymentID: "pay_1", amount: order.totals.total, tenant: shop.tenant)
        XCTAssertEqual(paid.status, .paid)
        XCTAssertEqual(paid.stock, .reserved)
        XCTAssertEqual(paid.pendingStockChange, .committed)
        XCTAssertTrue(shop.logSink.capturedLines.contains { $0.contains("order stock change failed") })

        XCTAssertEqual(try shop.syncStock.execute(tenant: shop.tenant, now: shop.clock.now), 1)
        XCTAssertEqual(try shop.order(order.id)?.stock, .committed)
        XCTAssertEqual(shop.catalog.reservationState(orderID: order.id, tenantID: shop.tenant.id), .committed)
        XCTAssertEqual(try shop.syncStock.execute(tenant: shop.tenant, now: shop.clock.now), 0)
    }

    func testRefundsPartialThenFull() throws {
        let shop = Shop()
        let (order, _) = try placed(shop)
        let refund = RecordRefund(store: shop.store, stock: shop.catalog, clock: shop.clock.function)
        assertAppError(code: "refund.not_paid") {
            try refund.execute(
                orderID: order.id, refundID: "re_0", amount: money("1.00"), actor: .system, tenant: shop.tenant)
        }
        _ = try shop.markPaid.execute(
            orderID: order.id, paymentID: "pay_1", amount: order.totals.total, tenant: shop.tenant)

        let partial = try refund.execute(
            orderID: order.id, refundID: "re_1", amount: money("1000.00"), actor: .user(UUID()), tenant: shop.tenant)
        XCTAssertEqual(partial.status, .partiallyRefunded)
        XCTAssertEqual(partial.refundedAmount, money("1000.00"))
        let repeated = try refund.execute(
            orderID: order.id, refundID: "re_1", amount: money("1000.00"), actor: .system, tenant: shop.tenant)
        XCTAssertEqual(repeated.refundedAmount, money("1000.00"), "a repeated refund id counts once")

        let tooMuch = assertAppError(code: "refund.exceeds_refundable") {
            try refund.execute(
                orderID: order.id, refundID: "re_2", amount: money("8060.01"), actor: .system, tenant: shop.tenant)
        }
        XCTAssertEqual(tooMuch?.fieldErrors.map(\.field), ["amount"])
        XCTAssertEqual(tooMuch?.extensions["refundable"], money("8060.00").jsonValue)
        for amount in [money("0.00"), money("5.00", .usd)] {
            let error = assertAppError(code: "request.invalid_fields") {
                try refund.execute(
                    orderID: order.id, refundID: "re_x", amount: amount, actor: .system, tenant: shop.tenant)
            }
            XCTAssertEqual(error?.fieldErrors.map(\.field), ["amount"])
        }

        let full = try refund.execute(
            orderID: order.id, refundID: "re_3", amount: money("8060.00"), actor: .system, tenant: shop.tenant)
        XCTAssertEqual(full.status, .refunded)
        XCTAssertEqual(full.refundedAmount, full.paidAmount)
        assertAppError(code: "refund.exceeds_refundable") {
            try refund.execute(
                orderID: order.id, refundID: "re_4", amount: money("1.00"), actor: .system, tenant: shop.tenant)
        }
    }

    func testPaymentFailureIsRecordedOnce() throws {
        let shop = Shop()
        let (order, _) = try placed(shop)
        let record = RecordPaymentFailure(store: shop.store, stock: shop.catalog, clock: shop.clock.function)
        let failed = try record.execute(
            orderID: order.id, paymentID: "pay_1", reason: "card declined", tenant: shop.tenant)
        _ = try record.execute(orderID: order.id, paymentID: "pay_1", reason: "card declined", tenant: shop.tenant)
        let stored = try XCTUnwrap(try shop.order(order.id))
        XCTAssertEqual(failed.status, .pendingPayment)
        XCTAssertEqual(stored.history.filter { $0.kind == .paymentFailed }.count, 1)
        XCTAssertEqual(stored.history.last?.message, "payment pay_1 failed: card declined")
        let paid = try shop.markPaid.execute(
            orderID: order.id, paymentID: "pay_2", amount: order.totals.total, tenant: shop.tenant)
        XCTAssertEqual(paid.status, .paid, "a later payment still succeeds")
    }

    func testFulfilmentNeedsPaymentAndTracking() throws {
        let shop = Shop()
        let (order, _) = try placed(shop)
        let staff = UUID()
        let fulfil = FulfilOrder(store: shop.store, stock: shop.catalog, clock: shop.clock.function)
        assertAppError(code: "order.invalid_transition") {
            try fulfil.execute(
                orderID: order.id, trackingNumber: "PTH123", carrier: "Pathao", actor: .user(staff), tenant: shop.tenant
            )
        }
        let invalid = assertAppError(code: "request.invalid_fields") {
            try fulfil.execute(
                orderID: order.id, trackingNumber: " ", carrier: "", actor: .user(staff), tenant: shop.tenant)
        }
        XCTAssertEqual(invalid?.fieldErrors.map(\.field), ["tracking_number", "carrier"])

        _ = try shop.markPaid.execute(
            orderID: order.id, paymentID: "pay_1", amount: order.totals.total, tenant: shop.tenant)
        let fulfilled = try fulfil.execute(
            orderID: order.id, trackingNumber: " PTH123 ", carrier: "Pathao", actor: .user(staff), tenant: shop.tenant)
        XCTAssertEqual(fulfilled.status, .fulfilled)
        XCTAssertEqual(fulfilled.fulfillment?.trackingNumber, "PTH123")
        XCTAssertEqual(fulfilled.fulfillment?.carrier, "Pathao")
        XCTAssertEqual(fulfilled.history.last?.actor, .user(staff))
        XCTAssertEqual(shop.events, ["order.placed", "order.paid", "order.fulfilled"])
        guard case .object(let data) = shop.store.events(tenantID: shop.tenant.id).last?.data else {
            return XCTFail("event without data")
        }
        XCTAssertEqual(data["tracking_number"], .string("PTH123"))
        XCTAssertEqual(data["number"], .number(1001))
    }

    func testStaffCancelReleasesStockAndDiscount() throws {
        let shop = Shop()
        try shop.saveDiscount(Discount(code: "EID10", value: .percentage(basisPoints: 1000), usageLimit: 1))
        let (order, saree) = try placed(shop, discountCode: "EID10")
        XCTAssertEqual(try shop.discount("EID10")?.usageCount, 1)

        let cancelled = try shop.cancel.execute(
            orderID: order.id, reason: "customer asked", actor: .user(UUID()), tenant: shop.tenant)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(cancelled.stock, .released)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 10)
        XCTAssertEqual(try shop.discount("EID10")?.usageCount, 0, "the use of an unpaid order comes back")
        XCTAssertEqual(shop.events, ["order.placed", "order.cancelled"])
        XCTAssertEqual(cancelled.history.first { $0.kind == .statusChanged }?.message, "customer asked")
        assertAppError(code: "order.invalid_transition") {
            try shop.cancel.execute(orderID: order.id, reason: nil, actor: .system, tenant: shop.tenant)
        }
        let reason = assertAppError(code: "request.invalid_fields") {
            try shop.cancel.execute(
                orderID: order.id, reason: String(repeating: "x", count: 501), actor: .system, tenant: shop.tenant)
        }
        XCTAssertEqual(reason?.fieldErrors.map(\.field), ["reason"])
    }

    func testCancellingPaidOrderKeepsStockSold() throws {
        let shop = Shop()
        let (order, saree) = try placed(shop)
        _ = try shop.markPaid.execute(
            orderID: order.id, paymentID: "pay_1", amount: order.totals.total, tenant: shop.tenant)
        let cancelled = try shop.cancel.execute(orderID: order.id, reason: nil, actor: .system, tenant: shop.tenant)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(cancelled.stock, .committed)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 8)
    }

    func testNotesAreKeptInHistory() throws {
        let shop = Shop()
        let (order, _) = try placed(shop)
        let staff = UUID()
        let note = AddOrderNote(store: shop.store, stock: shop.catalog, clock: shop.clock.function)
        let noted = try note.execute(
            orderID: order.id, note: " Gift wrap please ", actor: .user(staff), tenant: shop.tenant)
        XCTAssertEqual(noted.history.last?.kind, .note)
        XCTAssertEqual(noted.history.last?.message, "Gift wrap please")
        XCTAssertEqual(noted.history.last?.actor, .user(staff))
        XCTAssertEqual(noted.version, order.version + 1)
        assertAppError(code: "request.invalid_fields") {
            try note.execute(orderID: order.id, note: "  ", actor: .user(staff), tenant: shop.tenant)
        }
    }
}
