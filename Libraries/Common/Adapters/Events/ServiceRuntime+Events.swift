import CommonKernel
import FoundationEssentials
import Glibc

extension ServiceRuntime {
    /// Makes a consumer of `stream` with the runtime's database, Redis URL, logger and metrics.
    /// The group defaults to the service's name, and the consumer's name is the service, host
    /// and process id, unique among running processes.
    public func eventConsumer(
        schema: String, group: String? = nil, types: Set<String>, stream: String = EventStreams.main,
        maxDeliveries: Int = 5, claimIdle: TimeInterval = 30,
        handler: @escaping @Sendable (EventEnvelope, PostgresConnection) throws -> Void
    ) -> EventConsumer {
        let consumerName = "\(configuration.service)-\(ProcessInfo.processInfo.hostName)-\(getpid())"
        return EventConsumer(
            database: database, redisURL: configuration.redisURL, schema: schema,
            group: group ?? configuration.service, consumerName: consumerName, types: types, stream: stream,
            logger: logger, metrics: metrics, maxDeliveries: maxDeliveries, claimIdle: claimIdle, handler: handler)
    }

    /// Makes the relay of `schema`'s outbox to `stream`.
    public func outboxRelay(schema: String, stream: String = EventStreams.main) -> OutboxRelay {
        OutboxRelay(
            database: database, redisURL: configuration.redisURL, schema: schema, stream: stream, logger: logger,
            metrics: metrics)
    }
}
