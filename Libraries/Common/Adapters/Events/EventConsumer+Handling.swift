import CommonKernel
import FoundationEssentials

extension EventConsumer {
    /// The result of an acknowledged entry: handled, skipped as a duplicate, or ignored by type.
    enum Outcome: String {
        case handled, duplicate, ignored
    }

    /// Handles one entry delivered for the `deliveries`-th time and acknowledges it, or leaves
    /// it pending, or moves it to the dead-letter stream.
    ///
    /// Throws only for failures of Redis or of the database connection, after which the entry
    /// stays pending and is claimed again later.
    func process(_ entry: StreamEntry, deliveries: Int, redis: EventStreamConnection) throws {
        guard let fields = entry.fields else {
            // The stream was trimmed past a pending entry, so there is nothing left to handle.
            try acknowledge(entry.id, redis: redis)
            return
        }
        // The relay stores the type beside the envelope, so an entry of a type that this group
        // does not consume is acknowledged without the cost of decoding its envelope.
        if let type = fields["type"], !types.contains(type) {
            try acknowledge(entry.id, redis: redis)
            EventMetrics.consumed(metrics, group: group, outcome: Outcome.ignored.rawValue)
            return
        }
        let envelope: EventEnvelope
        do {
            envelope = try EventEnvelope(jsonText: fields["envelope"] ?? "")
        } catch {
            let failure = DeliveryFailure(entry: entry, deliveries: deliveries, envelope: nil, error: error)
            try moveToDeadLetter(failure, redis: redis)
            return
        }
        let event = ConsumedEvent(envelope: envelope, streamID: entry.id, deliveryCount: deliveries)
        try process(event, entry: entry, redis: redis)
    }

    private func process(_ event: ConsumedEvent, entry: StreamEntry, redis: EventStreamConnection) throws {
        let outcome: Outcome
        do {
            outcome = try handle(event.envelope)
        } catch where Self.isDatabaseUnavailable(error) {
            throw error
        } catch {
            let failure = DeliveryFailure(
                entry: entry, deliveries: event.deliveryCount, envelope: event.envelope, error: error)
            try recordFailure(failure, redis: redis)
            return
        }

        try acknowledge(entry.id, redis: redis)
        EventMetrics.consumed(metrics, group: group, outcome: outcome.rawValue)
        if outcome == .handled {
            let lag = Date().timeIntervalSince(event.envelope.occurredAt)
            EventMetrics.consumerLag(metrics, group: group, seconds: lag)
        }
    }

    /// Records the event id and runs the handler in one tenant transaction, unless the type is
    /// not consumed or the id was recorded before.
    private func handle(_ envelope: EventEnvelope) throws -> Outcome {
        guard types.contains(envelope.type) else { return .ignored }
        return try database.withTenantTransaction(envelope.tenantID) { connection in
            let recorded = try connection.execute("""
                INSERT INTO \(schema).processed_events (consumer_group, event_id, tenant_id)
                VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
                """, [group, envelope.id, envelope.tenantID])
            guard recorded == 1 else { return .duplicate }
            try handler(envelope, connection)
            return .handled
        }
    }

    func acknowledge(_ streamID: String, redis: EventStreamConnection) throws {
        try redis.command(["XACK", stream, group, streamID])
    }

    // The pool's checkout failure and a lost connection are not caused by the event, so they
    // must not bring it closer to the dead-letter stream.
    private static func isDatabaseUnavailable(_ error: any Error) -> Bool {
        if let error = error as? AppError { return error.code == "database.unavailable" }
        if let error = error as? PostgresError { return error.isConnectionFailure }
        return false
    }
}
