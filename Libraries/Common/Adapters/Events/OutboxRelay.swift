import CommonKernel
import FoundationEssentials
import Synchronization

/// Publishes the events in a service's outbox to a Redis stream, in sequence order, and marks
/// them published.
///
/// Each batch locks its rows with `FOR UPDATE SKIP LOCKED`, so several relays of one service
/// never publish a row at the same time. When Redis is down, rows stay unpublished and the
/// relay retries, so an outage delays events but loses none. A crash after XADD and before
/// the commit publishes those rows again later. Consumers skip such duplicates by event id.
///
/// The relay's thread listens for `Outbox.append`'s `NOTIFY` on a database session of its own,
/// so events go out right after their transaction commits, and also polls every `pollInterval`
/// seconds (1 by default) in case a notification was lost with its session. It deletes rows
/// published more than a day ago once a minute.
///
/// NOTE: `sequence` is taken at insert, not at commit, so a transaction that commits after a
/// newer one can have its event published after the newer event, and two relays interleave
/// their batches. Consumers get no global order and must not need one.
public final class OutboxRelay: Sendable {
    let database: PostgresPool
    let schema: String
    let stream: String
    let logger: Logger
    let metrics: MetricsRegistry
    let pollInterval: TimeInterval
    /// The rows that one transaction publishes at most.
    let batchSize = 100
    /// How long published rows stay in the outbox before the relay deletes them.
    let retention: TimeInterval = 86_400
    let cleanupInterval: TimeInterval = 60
    let redis: Mutex<EventStreamConnection>
    private let worker = Mutex<EventWorkerThread?>(nil)

    /// Prepares a relay for `<schema>.outbox`. Nothing connects until `start()` or
    /// `publishPending()`.
    public init(
        database: PostgresPool, redisURL: String, schema: String, stream: String = EventStreams.main,
        logger: Logger, metrics: MetricsRegistry, pollInterval: TimeInterval = 1
    ) {
        self.database = database
        self.schema = schema
        self.stream = stream
        self.logger = logger
        self.metrics = metrics
        self.pollInterval = pollInterval
        redis = Mutex(EventStreamConnection(url: redisURL, socketTimeout: 5))
    }

    /// Starts publishing on a thread of the relay's own, unless it is already running.
    public func start() {
        let started = worker.withLock { worker in
            guard worker == nil else { return false }
            let thread = EventWorkerThread(name: "outbox-relay") { [self] thread in run(on: thread) }
            thread.start()
            worker = thread
            return true
        }
        if started { logger.info("outbox relay started", ["schema": schema, "stream": stream]) }
    }

    /// Stops the thread and waits up to 5 seconds for its current batch. `start()` may be
    /// called again afterwards.
    public func stop() {
        guard let thread = worker.withLock({ worker in defer { worker = nil }; return worker }) else { return }
        if !thread.stop(waitSeconds: 5) {
            logger.warning("outbox relay did not stop within 5 seconds", ["schema": schema])
        }
        logger.info("outbox relay stopped", ["schema": schema])
    }

    /// Publishes one batch of at most 100 unpublished rows on a pooled connection and returns
    /// how many it published.
    ///
    /// Throws the Redis error when XADD fails. Rows published before the failure stay marked
    /// and the rest stay pending. Throws `PostgresError` or `AppError(.unavailable)` when the
    /// database fails.
    @discardableResult
    public func publishPending() throws -> Int {
        try database.withConnection { connection in try publishBatch(on: connection) }
    }
}
