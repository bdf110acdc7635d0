import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Concurrent checkouts with one `Idempotency-Key` and body, released together through Caddy,
/// against the real catalog and database.
final class OrderCheckoutReplayRaceTests: XCTestCase {
    private static let requests = 10

    func testConcurrentRepeatsPlaceOneOrder() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-race")
        let variant = try platform.makeVariant(in: shop, price: "750.00", stock: 10)
        let cart = try platform.makeCart(in: shop, variants: [variant], quantity: 2)
        let key = "race-\(UUID().uuidString)"

        let replies = try Self.sendTogether(Self.requests) {
            try platform.checkout(cart, in: shop, key: key)
        }

        XCTAssertEqual(replies.count, Self.requests, "requests that got an answer")
        let placed = replies.filter { $0.status == 201 }
        let inProgress = replies.filter { $0.status == 409 }
        XCTAssertEqual(placed.count + inProgress.count, Self.requests, replies.map(\.text).joined(separator: "\n"))
        for reply in inProgress {
            XCTAssertEqual(reply.problemCode, "idempotency.in_progress", reply.text)
            XCTAssertNotNil(reply.headers["Retry-After"], "a 409 without Retry-After: \(reply.text)")
        }
        let first = placed.filter { $0.headers["Idempotent-Replayed"] == nil }
        XCTAssertEqual(first.count, 1, "answers not marked as replays")
        let orderID = try XCTUnwrap(first.first?.placedOrder?["id"] as? String, placed.map(\.text).joined(separator: "\n"))
        for reply in placed {
            XCTAssertEqual(reply.placedOrder?["id"] as? String, orderID, reply.text)
        }

        // After the first request has sent its response, a repeat gets the same order.
        let repeated = try platform.checkout(cart, in: shop, key: key)
        XCTAssertEqual(repeated.status, 201, repeated.text)
        XCTAssertEqual(repeated.headers["Idempotent-Replayed"], "true")
        XCTAssertEqual(repeated.placedOrder?["id"] as? String, orderID)

        let listing = try platform.send(.get, "/api/v1/orders", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual((listing.json["orders"] as? [[String: Any]])?.map { $0["id"] as? String }, [orderID], listing.text)
        XCTAssertEqual(try platform.available(variant, in: shop), 8, "stock after one order of two units")
        let reservation = try platform.internalCatalog(
            .get, "/internal/stock/reservations/\(orderID)", tenantID: shop.id, token: try platform.adminToken())
        XCTAssertEqual(reservation.status, 200, reservation.text)

        let counts = try RaceRecords.read(tenantID: shop.id)
        XCTAssertEqual(counts.reservations, 1, "stock reservations of the shop")
        XCTAssertEqual(counts.reservedEvents, 1, "inventory.reserved events, released ones included")
        XCTAssertEqual(counts.placedEvents, 1, "order.placed events in the outbox")
        XCTAssertEqual(counts.attempts, ["completed"], "checkout attempts of the shop")
    }

    /// Runs `body` on `count` threads that all start it at once, and returns every reply.
    /// Throws when the threads do not meet or finish within 60 seconds.
    private static func sendTogether(
        _ count: Int, _ body: @escaping @Sendable () throws -> PlatformHarness.Reply
    ) throws -> [PlatformHarness.Reply] {
        let barrier = StartBarrier(parties: count)
        let replies = Collected<PlatformHarness.Reply>()
        let failures = Collected<String>()
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard barrier.arriveAndWait(timeout: 60) else {
                    failures.append("the threads did not all start within 60 s")
                    return
                }
                do {
                    replies.append(try body())
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        guard group.wait(timeout: .now() + 60) == .success else {
            throw HarnessError("\(count) concurrent checkouts did not finish within 60 s")
        }
        if let failure = failures.all.first { throw HarnessError(failure) }
        return replies.all
    }
}

/// Releases all `parties` threads together once the last one arrives.
private final class StartBarrier: Sendable {
    private let parties: Int
    private let arrived = Atomic<Int>(0)
    private let gate = DispatchSemaphore(value: 0)

    init(parties: Int) {
        self.parties = parties
    }

    /// Waits for the other parties; returns false when they did not all arrive within `timeout` seconds.
    func arriveAndWait(timeout: Double) -> Bool {
        if arrived.add(1, ordering: .sequentiallyConsistent).newValue == parties {
            for _ in 1..<parties { gate.signal() }
            return true
        }
        return gate.wait(timeout: .now() + timeout) == .success
    }
}

/// The rows a checkout leaves in the catalog's and the order service's tables, read as the
/// services' database role inside the shop's tenant transaction.
private struct RaceRecords {
    var reservations: Int
    var reservedEvents: Int
    var placedEvents: Int
    /// The state of every checkout attempt of the shop.
    var attempts: [String]

    static func read(tenantID: UUID) throws -> RaceRecords {
        guard let url = ProcessInfo.processInfo.environment["COMMERCE_TEST_DATABASE_URL"] else {
            throw XCTSkip("COMMERCE_TEST_DATABASE_URL is not set")
        }
        let pool = PostgresPool(url: url, size: 1, logger: Logger(label: "order-tests", level: .error))
        defer { pool.close() }
        return try pool.withTenantTransaction(tenantID) { connection in
            let count = { (sql: String) in try connection.query(sql, [tenantID])[0].int("rows") }
            return RaceRecords(
                reservations: try count("SELECT count(*) AS rows FROM catalog.reservations WHERE tenant_id = $1"),
                reservedEvents: try count(
                    "SELECT count(*) AS rows FROM catalog.outbox WHERE tenant_id = $1 AND type = 'inventory.reserved'"),
                placedEvents: try count(
                    "SELECT count(*) AS rows FROM ordering.outbox WHERE tenant_id = $1 AND type = 'order.placed'"),
                attempts: try connection.query(
                    "SELECT state FROM ordering.checkout_attempts WHERE tenant_id = $1", [tenantID]
                ).map { try $0.string("state") })
        }
    }
}
