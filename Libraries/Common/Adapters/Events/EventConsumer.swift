import CommonKernel
import FoundationEssentials
import Synchronization

/// Reads a Redis stream in a consumer group and commits the handling of each event at most once
/// per group.
///
/// For each entry the consumer opens a tenant transaction on the event's tenant
/// (`withTenantTransaction(envelope.tenantID)`), records the event id in
/// `<schema>.processed_events`, runs `handler` in that same transaction, commits, and only then
/// acknowledges the entry with XACK. A second delivery of a recorded event, such as one
/// published twice by a relay, skips the handler and is acknowledged. Types not in `types` are
/// acknowledged without handling.
///
/// When the handler throws, the transaction rolls back and the entry stays pending. Every
/// `claimIdle / 2` seconds the consumer takes over entries that have been pending for
/// `claimIdle` seconds with XAUTOCLAIM, its own failures and those of consumers that died, and
/// retries them. A delivery that fails when the entry has been delivered `maxDeliveries` times
/// moves the entry to the dead-letter stream (`EventStreams.deadLetter(for: stream)`) with
/// fields `envelope`, `group`, `error`, `failed_at`, `stream_id` and `deliveries`.
///
/// The group is created with start ID `0`, so a service that joins late first handles the
/// history that the stream still holds, and idempotency by event id makes that replay safe.
/// Each consumer reads on a Redis connection of its own.
public final class EventConsumer: Sendable {
    struct Session {
        let redis: EventStreamConnection
        var groupExists = false
    }

    let database: PostgresPool
    let schema: String
    let group: String
    let consumerName: String
    let types: Set<String>
    let stream: String
    let logger: Logger
    let metrics: MetricsRegistry
    let maxDeliveries: Int
    let claimIdle: TimeInterval
    let handler: @Sendable (EventEnvelope, PostgresConnection) throws -> Void
    /// The entries that one read or claim returns at most.
    let batchSize = 50
    /// The longest `BLOCK` that `pollOnce` sends; the socket timeout is 5 seconds longer.
    static let maximumBlock: TimeInterval = 5
    let session: Mutex<Session>
    private let worker = Mutex<EventWorkerThread?>(nil)

    /// Prepares a consumer; nothing connects until `start()`, `pollOnce` or `reclaimStuck`.
    ///
    /// `group` names the service's consumer group and `consumerName` this process within it,
    /// unique among the group's running consumers. `handler` runs on the consumer's thread.
    public init(
        database: PostgresPool, redisURL: String, schema: String, group: String, consumerName: String,
        types: Set<String>, stream: String = EventStreams.main, logger: Logger, metrics: MetricsRegistry,
        maxDeliveries: Int = 5, claimIdle: TimeInterval = 30,
        handler: @escaping @Sendable (EventEnvelope, PostgresConnection) throws -> Void
    ) {
        self.database = database
        self.schema = schema
        self.group = group
        self.consumerName = consumerName
        self.types = types
        self.stream = stream
        self.logger = logger
        self.metrics = metrics
        self.maxDeliveries = max(1, maxDeliveries)
        self.claimIdle = claimIdle
        self.handler = handler
        session = Mutex(Session(redis: EventStreamConnection(url: redisURL, socketTimeout: Self.maximumBlock + 5)))
    }

    /// Starts reading on a thread of the consumer's own, unless it is already running.
    public func start() {
        let started = worker.withLock { worker in
            guard worker == nil else { return false }
            let thread = EventWorkerThread(name: "event-consumer") { [self] thread in run(on: thread) }
            thread.start()
            worker = thread
            return true
        }
        guard started else { return }
        logger.info("event consumer started", ["group": group, "consumer": consumerName, "stream": stream])
    }

    /// Stops the thread and waits up to 5 seconds for the event in hand. `start()` may be called
    /// again afterwards.
    public func stop() {
        guard let thread = worker.withLock({ worker in defer { worker = nil }; return worker }) else { return }
        if !thread.stop(waitSeconds: 5) {
            logger.warning("event consumer did not stop within 5 seconds", ["group": group, "consumer": consumerName])
        }
        logger.info("event consumer stopped", ["group": group, "consumer": consumerName])
    }

    /// Creates the group if needed, reads at most 50 new entries, waiting up to `block` seconds
    /// (at most 5) for the first, handles and acknowledges them, and returns how many it read.
    ///
    /// A handler failure does not throw: it is logged and the entry stays pending or moves to
    /// the dead-letter stream. Throws `RedisError` when Redis fails, and the database error when
    /// the database is unreachable, which leaves the unhandled entries pending.
    @discardableResult
    public func pollOnce(block: TimeInterval) throws -> Int {
        try withSession { session in
            var command = ["XREADGROUP", "GROUP", group, consumerName, "COUNT", String(batchSize)]
            let milliseconds = Int((min(block, Self.maximumBlock) * 1000).rounded())
            if milliseconds > 0 { command += ["BLOCK", String(milliseconds)] }
            let reply = try session.redis.command(command + ["STREAMS", stream, ">"])
            let entries = try StreamEntry.entries(fromRead: reply)

            for entry in entries {
                try process(entry, deliveries: 1, redis: session.redis)
            }
            return entries.count
        }
    }
}
