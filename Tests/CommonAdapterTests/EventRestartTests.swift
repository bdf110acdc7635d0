@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Stops and restarts servers of the test's own while the relay and a consumer run, and checks
/// that no event is lost.
final class EventRestartTests: XCTestCase {
    private var servers: ThrowawayDatabases!
    private var bed: EventTestBed!

    override func setUpWithError() throws {
        servers = try ThrowawayDatabases()
        bed = try EventTestBed(
            appURL: servers.appURL, ownerURL: servers.environment["COMMERCE_TEST_OWNER_DATABASE_URL"] ?? "",
            redisURL: servers.redisURL)
    }

    override func tearDown() {
        bed?.close()
        bed = nil
        servers = nil
    }

    func testRedisOutageDelaysEventsWithoutLoss() throws {
        let relay = bed.makeRelay()
        relay.start()
        defer { relay.stop() }
        let before = try bed.appendEvents(5)
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { (try? bed.entries().count) == before.count })

        try servers.control("redis", "stop")
        var during: [EventEnvelope] = []
        for _ in 0..<10 {
            during += try bed.appendEvents(2)
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTAssertEqual(try bed.unpublishedCount(), during.count, "the events wait in the outbox")
        try servers.control("redis", "start")

        // The test server keeps no data across restarts, so the stream holds only what the relay
        // published after the restart.
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 10) { (try? bed.entries().count) == during.count })
        XCTAssertEqual(try bed.publishedEnvelopes().map(\.id), during.map(\.id))
        XCTAssertEqual(try bed.unpublishedCount(), 0)
        XCTAssertEqual(bed.logLines("outbox relay failed, events wait in the outbox until it recovers").count, 1)
        XCTAssertEqual(bed.logLines("outbox relay recovered").count, 1)
    }

    func testRelayReconnectsAfterDatabaseRestart() throws {
        let relay = bed.makeRelay()
        relay.start()
        defer { relay.stop() }
        try bed.appendEvents(1)
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { (try? bed.entries().count) == 1 })

        try servers.control("postgres", "restart")
        let after = try bed.appendEvents(3)

        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 10) { (try? bed.entries().count) == 4 })
        XCTAssertEqual(try bed.publishedEnvelopes().suffix(3).map(\.id), after.map(\.id))
    }

    func testConsumerRecreatesGroupAfterRedisRestart() throws {
        let relay = bed.makeRelay()
        let consumer = bed.makeConsumer()
        relay.start()
        consumer.start()
        defer {
            consumer.stop()
            relay.stop()
        }
        let first = try bed.appendEvents(1)[0]
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { (try? bed.effectCount(of: first)) == 1 })

        try servers.control("redis", "restart")
        let second = try bed.appendEvents(1)[0]

        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 15) { (try? bed.effectCount(of: second)) == 1 })
        XCTAssertEqual(try bed.effectCount(of: first), 1)
    }
}
