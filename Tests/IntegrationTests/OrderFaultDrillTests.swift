import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Fault drills on an order-svc of the test's own, with its own PostgreSQL and Redis: a crash
/// between an order's commit and its event's publication, a Redis outage during checkouts, and
/// a consumer killed while it handles a payment event.
final class OrderFaultDrillTests: XCTestCase {
    func testCrashBeforePublishLosesNoEvent() throws {
        let platform = try PlatformHarness.load()
        let servers = try OrderDrillServers()
        defer { servers.stop() }
        let shop = try platform.createShop(prefix: "drill-crash")
        let variant = try platform.makeVariant(in: shop, price: "300.00", stock: 50)
        let silent = try OrderDrillInstance(platform: platform, servers: servers, settings: ["ORDER_RELAY": "off"])
        defer { silent.stop() }
        let placed = try placeOrders(5, in: shop, variant: variant, via: silent, platform: platform)
        let bed = try OrderDrillDatabase(servers)
        defer { bed.close() }
        XCTAssertEqual(try bed.unpublishedEvents(), 5, "events waiting in the outbox")
        XCTAssertEqual(try bed.streamEnvelopes().count, 0, "events published with the relay off")

        silent.killHard()
        let restarted = try OrderDrillInstance(platform: platform, servers: servers)
        defer { restarted.stop() }

        XCTAssertTrue(waitUntil(seconds: 15) { (try? bed.streamEnvelopes().count) == 5 }, "events after the restart")
        let published = try bed.streamEnvelopes()
        XCTAssertEqual(Set(published.map(\.id)).count, published.count, "an event was published twice")
        XCTAssertEqual(Set(published.map(\.type)), ["order.placed"])
        XCTAssertEqual(Set(published.compactMap(Self.orderID)), Set(placed), "published orders")
        XCTAssertEqual(try bed.unpublishedEvents(), 0)
        XCTAssertEqual(
            restarted.logLines(containing: "outbox relay started").count, 1,
            "relay starts in \(restarted.logPath):\n\(restarted.logTail())")
    }

    func testRedisOutageDelaysEventsOnly() throws {
        let platform = try PlatformHarness.load()
        let servers = try OrderDrillServers()
        defer { servers.stop() }
        try servers.persistRedis()
        let shop = try platform.createShop(prefix: "drill-redis")
        let variant = try platform.makeVariant(in: shop, price: "300.00", stock: 50)
        let instance = try OrderDrillInstance(platform: platform, servers: servers)
        defer { instance.stop() }
        let bed = try OrderDrillDatabase(servers)
        defer { bed.close() }

        var placed = try placeOrders(3, in: shop, variant: variant, via: instance, platform: platform)
        XCTAssertTrue(waitUntil(seconds: 10) { (try? bed.streamEnvelopes().count) == 3 }, "events before the outage")
        try servers.control("redis", "stop")
        placed += try placeOrders(4, in: shop, variant: variant, via: instance, platform: platform)
        XCTAssertEqual(placed.count, 7, "checkouts during the outage")
        XCTAssertTrue(waitUntil(seconds: 5) { (try? bed.unpublishedEvents()) == 4 }, "events waiting for Redis")
        try servers.control("redis", "start")

        XCTAssertTrue(waitUntil(seconds: 20) { (try? bed.streamEnvelopes().count) == 7 }, "events after the outage")
        let published = try bed.streamEnvelopes()
        XCTAssertEqual(Set(published.map(\.id)).count, published.count, "an event was published twice")
        XCTAssertEqual(Set(published.compactMap(Self.orderID)), Set(placed), "published orders")
        XCTAssertEqual(try bed.unpublishedEvents(), 0)
    }

    func testKilledConsumerIsReclaimedOnce() throws {
        let platform = try PlatformHarness.load()
        let servers = try OrderDrillServers()
        defer { servers.stop() }
        let shop = try platform.createShop(prefix: "drill-claim")
        let variant = try platform.makeVariant(in: shop, price: "450.00", stock: 10)
        let slow = try OrderDrillInstance(
            platform: platform, servers: servers,
            settings: ["ORDER_TEST_HANDLER_DELAY_MS": "20000", "ORDER_EVENT_CLAIM_IDLE_SECONDS": "2"])
        defer { slow.stop() }
        let orderID = try XCTUnwrap(try placeOrders(1, in: shop, variant: variant, via: slow, platform: platform).first)
        let bed = try OrderDrillDatabase(servers)
        defer { bed.close() }

        let event = try OrderEvents.paymentSucceeded(orderID: orderID, tenantID: shop.id, amount: "450.00")
        try OrderEvents.publish(event, redis: bed.redis)
        XCTAssertTrue(waitUntil(seconds: 10) { (try? bed.pendingEntries()) == 1 }, "the slow consumer read the event")
        slow.killHard()
        XCTAssertEqual(try bed.processedCount(event.id), 0, "the killed handler's transaction committed")

        let rescuer = try OrderDrillInstance(
            platform: platform, servers: servers, settings: ["ORDER_EVENT_CLAIM_IDLE_SECONDS": "2"])
        defer { rescuer.stop() }
        let paid = try platform.waitForOrder(orderID, in: shop, base: rescuer.baseURL, timeout: 30) { order in
            order["status"] as? String == "paid" && order["stock"] as? String == "committed"
        }
        XCTAssertTrue(waitUntil(seconds: 10) { (try? bed.pendingEntries()) == 0 }, "the event stays pending")
        XCTAssertEqual(try bed.processedCount(event.id), 1)
        let history = paid["history"] as? [[String: Any]] ?? []
        let changes = history.filter { $0["kind"] as? String == "status_changed" && $0["to_status"] as? String == "paid" }
        XCTAssertEqual(changes.count, 1, "status changes to paid")
        XCTAssertEqual((paid["paid"] as? [String: Any])?["amount"] as? String, "450.00")
        XCTAssertEqual(try platform.available(variant, in: shop), 9, "stock after the payment")
        XCTAssertTrue(
            waitUntil(seconds: 5) { !rescuer.logLines(containing: "stuck event entries claimed").isEmpty },
            "no claim in the rescuer's log at \(rescuer.logPath):\n\(rescuer.logTail())")
    }

    /// Places `count` one-unit orders through `instance` and returns their ids.
    private func placeOrders(
        _ count: Int, in shop: Shop, variant: String, via instance: OrderDrillInstance, platform: PlatformHarness
    ) throws -> [String] {
        try (0..<count).map { _ in
            let cart = try platform.makeCart(in: shop, variants: [variant], base: instance.baseURL)
            let reply = try platform.checkout(cart, in: shop, key: UUID().uuidString, base: instance.baseURL)
            guard reply.status == 201, let id = reply.placedOrder?["id"] as? String else {
                throw HarnessError("checkout through the drill's order-svc failed with \(reply.status): \(reply.text)")
            }
            return id
        }
    }

    private static func orderID(_ envelope: EventEnvelope) -> String? {
        guard case .object(let data) = envelope.data, case .string(let id)? = data["order_id"] else { return nil }
        return id
    }

    private func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }
}
