import CommonKernel
import FoundationEssentials
import Synchronization

/// Receives Redis pub/sub messages on a connection and thread of its own.
///
/// After a connection error or a Redis restart it logs a warning, waits with exponential
/// backoff from 0.1 up to 5 seconds, reconnects and subscribes again. Messages published while
/// it is disconnected are lost, as Redis pub/sub does not keep them.
public final class RedisSubscriber: Sendable {
    private let url: String
    private let channels: [String]
    private let logger: Logger
    private let handler: @Sendable (String, [UInt8]) -> Void
    private let keepAliveInterval: Double
    private let onEvent: (@Sendable (RedisSubscriptionEvent) -> Void)?
    private let activity = RedisSubscriptionActivity()
    private let running = Mutex<RedisSubscriptionLoop?>(nil)

    /// Prepares a subscriber. Nothing connects until `start()`.
    ///
    /// `handler` receives the channel and the message bytes, one message at a time, on the
    /// subscriber's thread, so a slow handler delays the messages after it.
    public convenience init(
        url: String, channels: [String], logger: Logger, handler: @escaping @Sendable (String, [UInt8]) -> Void
    ) {
        self.init(url: url, channels: channels, logger: logger, keepAliveInterval: 30, handler: handler)
    }

    /// Prepares a subscriber that also reports its connection's changes to `onEvent`, on the
    /// subscriber's thread and in order with the messages: `.subscribed` before the first
    /// message of each connection and `.disconnected` after its last.
    public convenience init(
        url: String, channels: [String], logger: Logger,
        onEvent: @escaping @Sendable (RedisSubscriptionEvent) -> Void,
        handler: @escaping @Sendable (String, [UInt8]) -> Void
    ) {
        self.init(url: url, channels: channels, logger: logger, keepAliveInterval: 30, onEvent: onEvent, handler: handler)
    }

    /// `keepAliveInterval` is the idle time in seconds after which the subscriber sends PING.
    init(
        url: String, channels: [String], logger: Logger, keepAliveInterval: Double,
        onEvent: (@Sendable (RedisSubscriptionEvent) -> Void)? = nil,
        handler: @escaping @Sendable (String, [UInt8]) -> Void
    ) {
        precondition(!channels.isEmpty, "RedisSubscriber needs at least one channel")
        self.url = url
        self.channels = channels
        self.logger = logger
        self.keepAliveInterval = keepAliveInterval
        self.onEvent = onEvent
        self.handler = handler
    }

    deinit {
        stop()
    }

    /// Starts the subscriber thread, unless it is already running.
    public func start() {
        running.withLock { running in
            guard running == nil else { return }
            let loop = RedisSubscriptionLoop(
                url: url, channels: channels, logger: logger, keepAliveInterval: keepAliveInterval,
                activity: activity, onEvent: onEvent, handler: handler)
            loop.start()
            running = loop
        }
    }

    /// True when a message may have reached this process without having gone to the handler
    /// yet: bytes wait on the socket, Redis closed it, or the subscriber thread is delivering.
    /// False while no connection is subscribed. Costs one `poll` call and no I/O, so a reader
    /// can check it before trusting state that the handler keeps up to date.
    public var mayHaveUndeliveredMessages: Bool {
        activity.mayHaveUndeliveredMessages
    }

    /// Unsubscribes by closing the connection, and waits up to 2 seconds for the thread to end
    /// unless called from the handler. `start()` may be called again afterwards.
    public func stop() {
        guard let loop = running.withLock({ running in defer { running = nil }; return running }) else { return }
        loop.stop(waitSeconds: 2)
    }
}
