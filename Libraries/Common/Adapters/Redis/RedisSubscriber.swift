import CommonKernel
import Foundation
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

    /// `keepAliveInterval` is the idle time in seconds after which the subscriber sends PING.
    init(
        url: String, channels: [String], logger: Logger, keepAliveInterval: Double,
        handler: @escaping @Sendable (String, [UInt8]) -> Void
    ) {
        precondition(!channels.isEmpty, "RedisSubscriber needs at least one channel")
        self.url = url
        self.channels = channels
        self.logger = logger
        self.keepAliveInterval = keepAliveInterval
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
                url: url, channels: channels, logger: logger, keepAliveInterval: keepAliveInterval, handler: handler)
            loop.start()
            running = loop
        }
    }

    /// Unsubscribes by closing the connection, and waits up to 2 seconds for the thread to end
    /// unless called from the handler. `start()` may be called again afterwards.
    public func stop() {
        guard let loop = running.withLock({ running in defer { running = nil }; return running }) else { return }
        loop.stop(waitSeconds: 2)
    }
}
