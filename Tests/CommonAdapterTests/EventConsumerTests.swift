@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Reads a stream of the test's own in a consumer group and checks idempotency, acknowledgement,
/// reclaiming and dead-lettering.
final class EventConsumerTests: XCTestCase {
    private var bed: EventTestBed!

    override func setUpWithError() throws {
        bed = try EventTestBed()
    }

    override func tearDown() {
        bed?.close()
    }

    /// Writes and publishes `count` events and returns them.
    private func publish(_ count: Int, type: String = "note.added") throws -> [EventEnvelope] {
        let events = try bed.appendEvents(count, type: type)
        XCTAssertEqual(try bed.makeRelay().publishPending(), count)
        return events
    }

    private func processedCount(of event: EventEnvelope) throws -> Int {
        try bed.count(
            "SELECT count(*) AS count FROM \(bed.schema).processed_events WHERE event_id = $1 AND consumer_group = $2",
            [event.id, bed.group])
    }

    /// Adds the entry again as a relay that crashed before its commit would.
    private func republish(_ event: EventEnvelope) throws {
        try bed.redis.command([
            "XADD", bed.stream, "*", "envelope", try event.jsonText(), "type", event.type,
            "tenant_id", event.tenantID.uuidString.lowercased(),
        ])
    }

    // MARK: Handling

    func testHandlerRunsInEventTenantTransaction() throws {
        let event = try publish(1)[0]
        let consumer = bed.makeConsumer()

        XCTAssertEqual(try consumer.pollOnce(block: 0), 1)

        let tenant = try bed.pool.withConnection { connection in
            let rows = try connection.query("SELECT tenant_id FROM \(bed.schema).effects WHERE event_id = $1", [event.id])
            return try rows[0].uuid("tenant_id")
        }
        XCTAssertEqual(tenant, event.tenantID)
        XCTAssertEqual(try processedCount(of: event), 1)
        XCTAssertEqual(try bed.pendingCount(), 0)
    }

    func testHandlerReceivesPublishedEnvelope() throws {
        let event = try publish(1)[0]
        let received = ReceivedEnvelopes()
        let consumer = bed.makeConsumer { envelope, _ in received.append(envelope) }

        try consumer.pollOnce(block: 0)

        XCTAssertEqual(received.all, [event])
    }

    func testSecondDeliveryOfSameEventIsSkipped() throws {
        let event = try publish(1)[0]
        try republish(event)
        let consumer = bed.makeConsumer()

        XCTAssertEqual(try consumer.pollOnce(block: 0), 2)

        XCTAssertEqual(try bed.entries().count, 2)
        XCTAssertEqual(try bed.effectCount(of: event), 1)
        XCTAssertEqual(try bed.pendingCount(), 0, "the duplicate is acknowledged too")
        let metrics = bed.metrics.render()
        XCTAssertTrue(metrics.contains(#"events_consumed_total{group="test-group",outcome="duplicate"} 1"#), metrics)
        XCTAssertTrue(metrics.contains(#"events_consumed_total{group="test-group",outcome="handled"} 1"#), metrics)
        XCTAssertTrue(metrics.contains(#"event_consumer_lag_seconds_count{group="test-group"} 1"#), metrics)
    }

    func testOtherTypesAreAcknowledgedUnhandled() throws {
        let event = try publish(1, type: "note.archived")[0]
        let calls = SharedCounter()
        let consumer = bed.makeConsumer(types: ["note.added"]) { _, _ in calls.increment() }

        XCTAssertEqual(try consumer.pollOnce(block: 0), 1)

        XCTAssertEqual(calls.current, 0)
        XCTAssertEqual(try processedCount(of: event), 0)
        XCTAssertEqual(try bed.pendingCount(), 0)
    }

    func testGroupReplaysHistoryFromStreamStart() throws {
        let events = try publish(3)
        let consumer = bed.makeConsumer()

        XCTAssertEqual(try consumer.pollOnce(block: 0), 3, "a group created after publishing still reads earlier entries")

        for event in events {
            XCTAssertEqual(try bed.effectCount(of: event), 1)
        }
    }

    func testExistingGroupIsTolerated() throws {
        try bed.redis.command(["XGROUP", "CREATE", bed.stream, bed.group, "$", "MKSTREAM"])
        let first = bed.makeConsumer(name: "consumer-a")
        let second = bed.makeConsumer(name: "consumer-b")

        XCTAssertNoThrow(try first.pollOnce(block: 0))
        XCTAssertNoThrow(try second.pollOnce(block: 0))

        let event = try publish(1)[0]
        XCTAssertEqual(try first.pollOnce(block: 0) + second.pollOnce(block: 0), 1)
        XCTAssertEqual(try bed.effectCount(of: event), 1)
        let groups = try bed.redis.command(["XINFO", "GROUPS", bed.stream]).array ?? []
        XCTAssertEqual(groups.count, 1)
    }

    // MARK: Acknowledgement

    func testFailedHandlerLeavesEntryPending() throws {
        let event = try publish(1)[0]
        let consumer = bed.makeConsumer { _, _ in throw HandlerRejection() }

        XCTAssertNoThrow(try consumer.pollOnce(block: 0), "a handler failure is not a consumer failure")

        XCTAssertEqual(try bed.pendingCount(), 1)
        XCTAssertEqual(try processedCount(of: event), 0, "the processed-events row rolled back with the handler")
        let warnings = bed.logLines("event handling failed")
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?["event_id"], event.id.uuidString.lowercased())
        XCTAssertEqual(warnings.first?["event_type"], event.type)
        XCTAssertEqual(warnings.first?["level"], "warning")
        XCTAssertTrue(bed.metrics.render().contains(#"events_failed_total{group="test-group"} 1"#))
    }

    func testFailedCommitLeavesEntryPending() throws {
        let event = try publish(1)[0]
        let schema = bed.schema
        // The deferred unique constraint fails at COMMIT, after the handler returned.
        let consumer = bed.makeConsumer { _, connection in
            try connection.execute("INSERT INTO \(schema).deferred_keys (key) VALUES (1), (1)")
        }

        try consumer.pollOnce(block: 0)

        XCTAssertEqual(try bed.pendingCount(), 1, "no XACK without a commit")
        XCTAssertEqual(try processedCount(of: event), 0)
    }

    func testRetriedEntryIsHandledAfterFailure() throws {
        let event = try publish(1)[0]
        let attempts = SharedCounter()
        let schema = bed.schema
        let consumer = bed.makeConsumer(claimIdle: 0.05) { envelope, connection in
            guard attempts.increment() > 1 else { throw HandlerRejection() }
            try connection.execute("INSERT INTO \(schema).effects (event_id) VALUES ($1)", [envelope.id])
        }
        try consumer.pollOnce(block: 0)
        Thread.sleep(forTimeInterval: 0.1)

        XCTAssertEqual(try consumer.reclaimStuck(), 1)

        XCTAssertEqual(attempts.current, 2)
        XCTAssertEqual(try bed.effectCount(of: event), 1)
        XCTAssertEqual(try bed.pendingCount(), 0)
    }

    // MARK: Reclaiming

    /// Creates the group through a consumer named `survivor`, publishes one event, and lets a
    /// consumer named `reader` read it without acknowledging it.
    private func publishToOtherReader(
        _ reader: String, claimIdle: TimeInterval
    ) throws -> (survivor: EventConsumer, event: EventEnvelope) {
        let survivor = bed.makeConsumer(name: "survivor", claimIdle: claimIdle)
        try survivor.pollOnce(block: 0)
        let event = try publish(1)[0]
        let read = try bed.redis.command([
            "XREADGROUP", "GROUP", bed.group, reader, "COUNT", "10", "STREAMS", bed.stream, ">",
        ])
        XCTAssertEqual(try StreamEntry.entries(fromRead: read).count, 1)
        return (survivor, event)
    }

    func testEntryOfDeadConsumerIsReclaimed() throws {
        let (survivor, event) = try publishToOtherReader("crashed", claimIdle: 0.05)
        XCTAssertEqual(try survivor.pollOnce(block: 0), 0, "the entry belongs to the crashed consumer")
        Thread.sleep(forTimeInterval: 0.1)

        XCTAssertEqual(try survivor.reclaimStuck(), 1)

        XCTAssertEqual(try bed.effectCount(of: event), 1)
        XCTAssertEqual(try bed.pendingCount(), 0)
    }

    func testReclaimAfterCommitHasNoSecondEffect() throws {
        let (survivor, event) = try publishToOtherReader("crashed", claimIdle: 0.05)
        // The crashed consumer committed its handling but died before XACK.
        try bed.pool.withTenantTransaction(event.tenantID) { connection in
            try connection.execute(
                "INSERT INTO \(bed.schema).processed_events (consumer_group, event_id, tenant_id) VALUES ($1, $2, $3)",
                [bed.group, event.id, event.tenantID])
            try connection.execute("INSERT INTO \(bed.schema).effects (event_id) VALUES ($1)", [event.id])
        }
        Thread.sleep(forTimeInterval: 0.1)

        XCTAssertEqual(try survivor.reclaimStuck(), 1)

        XCTAssertEqual(try bed.effectCount(of: event), 1)
        XCTAssertEqual(try bed.pendingCount(), 0)
    }

    func testRecentEntryIsNotReclaimed() throws {
        let (survivor, event) = try publishToOtherReader("slow", claimIdle: 30)

        XCTAssertEqual(try survivor.reclaimStuck(), 0)

        XCTAssertEqual(try bed.effectCount(of: event), 0)
        XCTAssertEqual(try bed.pendingCount(), 1)
    }

    // MARK: Dead letters

    func testEventIsDeadLetteredAfterMaxDeliveries() throws {
        let event = try publish(1)[0]
        let attempts = SharedCounter()
        let consumer = bed.makeConsumer(maxDeliveries: 3, claimIdle: 0.05) { _, _ in
            attempts.increment()
            throw HandlerRejection()
        }
        let deadLetters = EventStreams.deadLetter(for: bed.stream)

        try consumer.pollOnce(block: 0)
        for round in 2...3 {
            XCTAssertEqual(try bed.entries(of: deadLetters).count, 0, "not parked before delivery \(round)")
            Thread.sleep(forTimeInterval: 0.1)
            XCTAssertEqual(try consumer.reclaimStuck(), 1)
        }

        XCTAssertEqual(attempts.current, 3)
        XCTAssertEqual(try bed.pendingCount(), 0)
        let parked = try bed.entries(of: deadLetters)
        XCTAssertEqual(parked.count, 1)
        let fields = parked.first?.fields ?? [:]
        XCTAssertEqual(try EventEnvelope(jsonText: fields["envelope"] ?? ""), event)
        XCTAssertEqual(fields["group"], bed.group)
        XCTAssertEqual(fields["error"], "handler rejected the event")
        XCTAssertNotNil(RFC3339.date(from: fields["failed_at"] ?? ""))
        XCTAssertEqual(fields["deliveries"], "3")
        XCTAssertEqual(fields["stream_id"], try bed.entries().first?.id)
        let errors = bed.logLines("event moved to the dead-letter stream")
        XCTAssertEqual(errors.first?["level"], "error")
        XCTAssertEqual(errors.first?["event_id"], event.id.uuidString.lowercased())
        XCTAssertTrue(bed.metrics.render().contains(#"events_dead_lettered_total{group="test-group"} 1"#))
    }

    func testInvalidEnvelopeIsDeadLetteredAtOnce() throws {
        try bed.redis.command(["XADD", bed.stream, "*", "envelope", "{not json", "type", "note.added"])
        let consumer = bed.makeConsumer()

        XCTAssertEqual(try consumer.pollOnce(block: 0), 1)

        XCTAssertEqual(try bed.pendingCount(), 0)
        let parked = try bed.entries(of: EventStreams.deadLetter(for: bed.stream))
        XCTAssertEqual(parked.first?.fields?["envelope"], "{not json")
        XCTAssertEqual(parked.first?.fields?["deliveries"], "1")
    }

    // MARK: Running

    func testRunningRelayAndConsumerDeliverEveryEventOnce() throws {
        let relay = bed.makeRelay()
        let consumers = [bed.makeConsumer(name: "consumer-a"), bed.makeConsumer(name: "consumer-b")]
        relay.start()
        consumers.forEach { $0.start() }
        defer {
            consumers.forEach { $0.stop() }
            relay.stop()
        }

        let events = try bed.appendEvents(60)

        let effects = "SELECT count(*) AS count FROM \(bed.schema).effects"
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 10) { (try? bed.count(effects)) == events.count })
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(try bed.count(effects), events.count)
        XCTAssertEqual(try bed.count("SELECT count(DISTINCT event_id) AS count FROM \(bed.schema).effects"), events.count)
        XCTAssertEqual(try bed.pendingCount(), 0)
    }

    func testStopEndsBlockedRead() throws {
        let consumer = bed.makeConsumer()
        consumer.start()
        Thread.sleep(forTimeInterval: 0.3)

        let stopping = Date()
        consumer.stop()

        XCTAssertLessThan(Date().timeIntervalSince(stopping), 2.5)
    }
}
