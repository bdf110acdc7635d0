import Dispatch

/// The event work of a service, which `ServiceRunner`'s `serve` starts after the service's
/// start-up hook and stops before it closes the database pool.
public struct EventSettings: Sendable {
    /// The schema whose `outbox` the relay publishes and whose `processed_events` the
    /// consumers write.
    public var schema: String
    /// True when the service appends events to its outbox, so that `serve` runs a relay.
    public var publishes: Bool
    /// The stream to which the relay publishes.
    public var stream: String
    /// Builds the service's consumers, once at start-up. `ServiceRuntime.eventConsumer` makes
    /// one with the runtime's adapters.
    public var consumers: @Sendable (ServiceRuntime) throws -> [EventConsumer]

    public init(
        schema: String, publishes: Bool = true, stream: String = EventStreams.main,
        consumers: @escaping @Sendable (ServiceRuntime) throws -> [EventConsumer] = { _ in [] }
    ) {
        self.schema = schema
        self.publishes = publishes
        self.stream = stream
        self.consumers = consumers
    }
}

/// The relay and consumers that one `serve` process runs.
struct EventWorkers: Sendable {
    let relay: OutboxRelay?
    let consumers: [EventConsumer]

    init(settings: EventSettings, runtime: ServiceRuntime) throws {
        relay = settings.publishes ? runtime.outboxRelay(schema: settings.schema, stream: settings.stream) : nil
        consumers = try settings.consumers(runtime)
    }

    func start() {
        relay?.start()
        consumers.forEach { $0.start() }
    }

    /// Stops the consumers and the relay at once, because each may wait for a blocked read.
    func stop() {
        var stops: [@Sendable () -> Void] = consumers.map { consumer in { consumer.stop() } }
        if let relay { stops.append { relay.stop() } }
        let all = stops
        DispatchQueue.concurrentPerform(iterations: all.count) { index in all[index]() }
    }
}
