import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// What happens to an order after checkout: the hold expires, or a payment event arrives.
final class OrderHoldAndPaymentTests: XCTestCase {
    func testExpiredHoldCancelsAndReturnsStock() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-hold")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        try platform.configureOrders(shop, ["payment_hold_seconds": 2])
        let cart = try platform.makeCart(in: shop, variants: [variant], quantity: 3)
        let placed = try platform.checkout(cart, in: shop, key: UUID().uuidString)
        let id = try XCTUnwrap(placed.placedOrder?["id"] as? String, placed.text)
        XCTAssertEqual(try platform.available(variant, in: shop), 2)

        let cancelled = try platform.waitForOrder(id, in: shop, timeout: 20) { order in
            order["status"] as? String == "cancelled" && order["stock"] as? String == "released"
        }
        let history = cancelled["history"] as? [[String: Any]] ?? []
        XCTAssertEqual(history.last { $0["kind"] as? String == "status_changed" }?["actor"] as? String, "system")
        XCTAssertEqual(try platform.available(variant, in: shop), 5, "stock of the expired order")
    }

    func testPaymentEventPaysOrderOnce() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-paid")
        let variant = try platform.makeVariant(in: shop, price: "700.00", stock: 4)
        let cart = try platform.makeCart(in: shop, variants: [variant])
        let placed = try platform.checkout(cart, in: shop, key: UUID().uuidString)
        let id = try XCTUnwrap(placed.placedOrder?["id"] as? String, placed.text)

        let redis = RedisClient(url: try platform.variable("COMMERCE_TEST_REDIS_URL"), logger: OrderDatabase.logger)
        defer { redis.close() }
        let event = try OrderEvents.paymentSucceeded(orderID: id, tenantID: shop.id, amount: "700.00")
        for _ in 0..<2 { try OrderEvents.publish(event, redis: redis) }
        // The same payment again under a new event id, as a provider retry would produce.
        let retry = try OrderEvents.paymentSucceeded(
            orderID: id, tenantID: shop.id, amount: "700.00", paymentID: OrderEvents.paymentID(of: event))
        try OrderEvents.publish(retry, redis: redis)

        let paid = try platform.waitForOrder(id, in: shop, timeout: 20) { order in
            order["status"] as? String == "paid" && order["stock"] as? String == "committed"
        }
        Thread.sleep(forTimeInterval: 1)
        let settled = try platform.order(id, in: shop)
        let history = settled["history"] as? [[String: Any]] ?? []
        let payments = history.filter { $0["kind"] as? String == "status_changed" && $0["to_status"] as? String == "paid" }
        XCTAssertEqual(payments.count, 1, "status changes to paid")
        XCTAssertEqual((settled["paid"] as? [String: Any])?["amount"] as? String, "700.00")
        XCTAssertEqual(history.count, (paid["history"] as? [Any])?.count, "history changed after the order was paid")
        XCTAssertEqual(try platform.available(variant, in: shop), 3, "committed stock")
    }
}
