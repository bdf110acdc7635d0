import CommonKernel
import Foundation
import OrderCore
import XCTest

final class OrderHoldTests: XCTestCase {
    func testUnpaidOrderExpiresAfterDefaultHold() throws {
        let shop = Shop()
        try shop.configure()
        try shop.saveDiscount(Discount(code: "EID10", value: .percentage(basisPoints: 1000), usageLimit: 5))
        let saree = shop.addVariant(stock: 10)
        let unpaid = try shop.checkout([saree], quantity: 3, discountCode: "EID10").order
        let paid = try shop.checkout([saree], quantity: 1).order
        _ = try shop.markPaid.execute(
            orderID: paid.id, paymentID: "pay_1", amount: paid.totals.total, tenant: shop.tenant)

        shop.clock.advance(seconds: 899)
        XCTAssertEqual(try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now), [])
        shop.clock.advance(seconds: 1)
        let expired = try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now)

        XCTAssertEqual(expired.map(\.id), [unpaid.id])
        XCTAssertEqual(expired.first?.status, .cancelled)
        XCTAssertEqual(expired.first?.stock, .released)
        XCTAssertEqual(expired.first?.history.first { $0.kind == .statusChanged }?.actor, .system)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 9)
        XCTAssertEqual(try shop.discount("EID10")?.usageCount, 0)
        XCTAssertEqual(try shop.order(paid.id)?.status, .paid)
        XCTAssertEqual(shop.events.filter { $0 == "order.cancelled" }.count, 1)
        XCTAssertEqual(
            try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now), [], "a second run finds nothing")
        assertAppError(code: "order.invalid_transition") {
            try shop.markPaid.execute(
                orderID: unpaid.id, paymentID: "pay_late", amount: unpaid.totals.total, tenant: shop.tenant)
        }
    }

    func testTenantHoldTimeIsUsed() throws {
        let shop = Shop()
        try shop.configure(holdSeconds: 3600)
        let order = try shop.checkout([shop.addVariant()]).order
        XCTAssertEqual(order.holdExpiresAt, shop.clock.now.addingTimeInterval(3600))
        shop.clock.advance(seconds: 3599)
        XCTAssertEqual(try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now), [])
        shop.clock.advance(seconds: 1)
        XCTAssertEqual(try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now).map(\.id), [order.id])
    }

    func testHoldSettingIsValidated() {
        for seconds in [0, 604_801] {
            let settings = OrderSettings(shippingRates: [], tax: .none, paymentHoldSeconds: seconds)
            let error = assertAppError(code: "request.invalid_fields") { try settings.validate() }
            XCTAssertEqual(error?.fieldErrors.map(\.field), ["payment_hold_seconds"])
        }
        XCTAssertEqual(OrderSettings.defaults.paymentHoldSeconds, 900)
    }

    func testFailedReleaseOnExpiryIsRetried() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 4)
        let order = try shop.checkout([saree], quantity: 4).order
        shop.clock.advance(seconds: 900)
        shop.faults.arm(.releaseStock)
        let expired = try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now)
        XCTAssertEqual(expired.first?.status, .cancelled)
        XCTAssertEqual(expired.first?.stock, .reserved)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 0)

        XCTAssertEqual(try shop.syncStock.execute(tenant: shop.tenant, now: shop.clock.now), 1)
        XCTAssertEqual(try shop.order(order.id)?.stock, .released)
        XCTAssertEqual(shop.catalog.available(variantID: saree.variantID, tenantID: shop.tenant.id), 4)
    }

    func testOneFailingOrderDoesNotStopExpiry() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 10)
        let first = try shop.checkout([saree]).order
        let second = try shop.checkout([saree]).order
        shop.clock.advance(seconds: 900)
        shop.faults.arm(.updateOrder)
        let expired = try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now)
        XCTAssertEqual(expired.map(\.id), [second.id])
        XCTAssertTrue(shop.logSink.capturedLines.contains { $0.contains("expiring an unpaid order failed") })
        XCTAssertEqual(try shop.expire.execute(tenant: shop.tenant, now: shop.clock.now).map(\.id), [first.id])
    }
}
