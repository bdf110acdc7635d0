import CommonKernel
import FoundationEssentials

/// A failed delivery of one stream entry, with its envelope when that could be decoded.
struct DeliveryFailure {
    var entry: StreamEntry
    var deliveries: Int
    /// Nil when the entry did not contain a valid envelope.
    var envelope: EventEnvelope?
    var error: any Error

    var logFields: [String: String] {
        [
            "event_id": envelope?.id.lowercasedString ?? "",
            "event_type": envelope?.type ?? "",
            "tenant_id": envelope?.tenantID.lowercasedString ?? "",
            "stream_id": entry.id,
            "deliveries": String(deliveries),
            "error": String(reflecting: error),
        ]
    }
}

extension EventConsumer {
    /// Logs a failed handling and leaves the entry pending, or moves it to the dead-letter
    /// stream when it has been delivered `maxDeliveries` times.
    ///
    /// NOTE: only a failure that returns counts. A handler that crashes the process is claimed
    /// and retried after each restart without ever reaching the dead-letter stream.
    func recordFailure(_ failure: DeliveryFailure, redis: EventStreamConnection) throws {
        EventMetrics.failed(metrics, group: group)
        logger.warning("event handling failed", logFields(of: failure))
        guard failure.deliveries >= maxDeliveries else { return }
        try moveToDeadLetter(failure, redis: redis)
    }

    /// Adds the entry to the dead-letter stream with the error's description, which adapters
    /// keep free of SQL and values, and then acknowledges it in the group.
    func moveToDeadLetter(_ failure: DeliveryFailure, redis: EventStreamConnection) throws {
        try redis.command([
            "XADD", EventStreams.deadLetter(for: stream), "MAXLEN", "~", "100000", "*",
            "envelope", failure.entry.fields?["envelope"] ?? "",
            "group", group,
            "error", String(describing: failure.error),
            "failed_at", RFC3339.string(from: Date()),
            "stream_id", failure.entry.id,
            "deliveries", String(failure.deliveries),
        ])
        try acknowledge(failure.entry.id, redis: redis)
        EventMetrics.deadLettered(metrics, group: group)
        logger.error("event moved to the dead-letter stream", logFields(of: failure))
    }

    private func logFields(of failure: DeliveryFailure) -> [String: String] {
        var fields = failure.logFields
        fields["group"] = group
        return fields
    }
}
