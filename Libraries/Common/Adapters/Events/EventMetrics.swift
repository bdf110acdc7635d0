import CommonKernel

/// The metrics that the outbox relay and the consumers record, named in one place.
enum EventMetrics {
    static func published(_ metrics: MetricsRegistry, stream: String, count: Int) {
        metrics.increment(
            "events_published_total", help: "Events that the outbox relay added to a stream, by stream.",
            labels: [("stream", stream)], by: Double(count))
    }

    /// Records the time from the event's `occurred_at` until the relay published it.
    static func publishLag(_ metrics: MetricsRegistry, stream: String, seconds: Double) {
        metrics.observe(
            "event_publish_lag_seconds", help: "Time from an event's occurred_at until the relay published it.",
            labels: [("stream", stream)], seconds: seconds)
    }

    /// Counts one event taken off the stream, with outcome `handled`, `duplicate` or `ignored`.
    static func consumed(_ metrics: MetricsRegistry, group: String, outcome: String) {
        metrics.increment(
            "events_consumed_total", help: "Events that a consumer group acknowledged, by group and outcome.",
            labels: [("group", group), ("outcome", outcome)])
    }

    /// Records the time from the event's `occurred_at` until the consumer committed its handling.
    static func consumerLag(_ metrics: MetricsRegistry, group: String, seconds: Double) {
        metrics.observe(
            "event_consumer_lag_seconds", help: "Time from an event's occurred_at until a consumer group handled it.",
            labels: [("group", group)], seconds: seconds)
    }

    static func failed(_ metrics: MetricsRegistry, group: String) {
        metrics.increment(
            "events_failed_total", help: "Event deliveries whose handling failed, by group.",
            labels: [("group", group)])
    }

    static func deadLettered(_ metrics: MetricsRegistry, group: String) {
        metrics.increment(
            "events_dead_lettered_total", help: "Events moved to the dead-letter stream, by group.",
            labels: [("group", group)])
    }
}
