@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Publishes outbox rows to a Redis stream of the test's own.
final class EventRelayTests: XCTestCase {
    private var bed: EventTestBed!

    override func setUpWithError() throws {
        bed = try EventTestBed()
    }

    override func tearDown() {
        bed?.close()
    }

    func testRelayPublishesInOrderAndMarksRows() throws {
        let events = try bed.appendEvents(5)
        let relay = bed.makeRelay()

        XCTAssertEqual(try relay.publishPending(), 5)

        XCTAssertEqual(try bed.publishedEnvelopes(), events)
        XCTAssertEqual(try bed.unpublishedCount(), 0)
        XCTAssertEqual(try relay.publishPending(), 0, "published rows are not published again")
        XCTAssertEqual(try bed.entries().count, 5)
    }

    func testStreamEntryHasTypeAndTenantFields() throws {
        let event = try bed.appendEvents(1)[0]

        try bed.makeRelay().publishPending()

        let fields = try bed.entries().first?.fields ?? [:]
        XCTAssertEqual(fields["type"], event.type)
        XCTAssertEqual(fields["tenant_id"], event.tenantID.uuidString.lowercased())
        XCTAssertEqual(try EventEnvelope(jsonText: fields["envelope"] ?? ""), event)
    }

    func testBatchHoldsAtMostHundredRows() throws {
        let events = try bed.appendEvents(130)
        let relay = bed.makeRelay()

        XCTAssertEqual(try relay.publishPending(), 100)
        XCTAssertEqual(try relay.publishPending(), 30)

        XCTAssertEqual(try bed.publishedEnvelopes().map(\.id), events.map(\.id))
    }

    func testConcurrentBatchesPublishEachRowOnce() throws {
        let events = try bed.appendEvents(400)
        let relays = [bed.makeRelay(), bed.makeRelay()]
        let published = SharedCounter()

        DispatchQueue.concurrentPerform(iterations: relays.count) { index in
            for _ in 0..<20 {
                guard let count = try? relays[index].publishPending(), count > 0 else { return }
                for _ in 0..<count { published.increment() }
            }
        }

        let ids = try bed.publishedEnvelopes().map(\.id)
        XCTAssertEqual(ids.count, events.count)
        XCTAssertEqual(Set(ids), Set(events.map(\.id)))
        XCTAssertEqual(published.current, events.count)
        XCTAssertEqual(try bed.unpublishedCount(), 0)
    }

    func testTwoRunningRelaysPublishEachRowOnce() throws {
        let relays = [bed.makeRelay(), bed.makeRelay()]
        relays.forEach { $0.start() }
        defer { relays.forEach { $0.stop() } }

        var events: [EventEnvelope] = []
        for _ in 0..<10 {
            events += try bed.appendEvents(20)
        }

        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 10) { (try? bed.entries().count) ?? 0 >= events.count })
        Thread.sleep(forTimeInterval: 0.3)
        let ids = try bed.publishedEnvelopes().map(\.id)
        XCTAssertEqual(ids.count, events.count, "no row is published twice")
        XCTAssertEqual(Set(ids), Set(events.map(\.id)))
    }

    func testRunningRelayWakesOnNotify() throws {
        // A poll interval far beyond the wait below means that only the NOTIFY can wake the relay.
        let relay = bed.makeRelay(pollInterval: 60)
        relay.start()
        defer { relay.stop() }
        try bed.appendEvents(1)
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { (try? bed.entries().count) == 1 })

        let committed = Date()
        try bed.appendEvents(1)
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 2, interval: 0.005) { (try? bed.entries().count) == 2 })

        XCTAssertLessThan(Date().timeIntervalSince(committed), 1)
    }

    func testStopReturnsPromptlyDuringLongPoll() throws {
        let relay = bed.makeRelay(pollInterval: 60)
        relay.start()
        Thread.sleep(forTimeInterval: 0.3)

        let stopping = Date()
        relay.stop()

        XCTAssertLessThan(Date().timeIntervalSince(stopping), 1.5)
    }

    func testPublishingRecordsMetrics() throws {
        try bed.appendEvents(3)

        try bed.makeRelay().publishPending()

        let text = bed.metrics.render()
        XCTAssertTrue(text.contains("events_published_total{stream=\"\(bed.stream)\"} 3"), text)
        XCTAssertTrue(text.contains("event_publish_lag_seconds_count{stream=\"\(bed.stream)\"} 3"), text)
    }

    func testOldPublishedRowsAreDeleted() throws {
        let events = try bed.appendEvents(3)
        let relay = bed.makeRelay()
        try relay.publishPending()
        try bed.appendEvents(1)
        try bed.pool.withConnection { connection in
            try connection.execute("""
                UPDATE \(bed.schema).outbox SET published_at = now() - interval '2 days',
                    created_at = now() - interval '2 days'
                WHERE id = $1
                """, [events[0].id])
            try connection.execute(
                "UPDATE \(bed.schema).outbox SET created_at = now() - interval '2 days' WHERE published_at IS NULL")
        }

        let deleted = try bed.pool.withConnection { connection in
            try relay.deletePublishedEvents(before: Date().addingTimeInterval(-relay.retention), on: connection)
        }

        XCTAssertEqual(deleted, 1)
        let outbox = "SELECT count(*) AS count FROM \(bed.schema).outbox"
        XCTAssertEqual(try bed.count(outbox + " WHERE id = $1", [events[0].id]), 0)
        XCTAssertEqual(try bed.count(outbox), 3, "recent and unpublished rows stay")
        XCTAssertEqual(try bed.unpublishedCount(), 1)
    }
}
