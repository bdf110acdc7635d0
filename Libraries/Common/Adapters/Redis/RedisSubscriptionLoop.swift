import CommonKernel
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

/// The thread behind one `RedisSubscriber.start()`: connect, subscribe, receive, and on failure
/// back off and start over, until `stop` is called.
final class RedisSubscriptionLoop: Sendable {
    private let url: String
    private let channels: [[UInt8]]
    private let logger: Logger
    private let keepAliveInterval: Double
    private let activity: RedisSubscriptionActivity
    private let onEvent: (@Sendable (RedisSubscriptionEvent) -> Void)?
    private let handler: @Sendable (String, [UInt8]) -> Void
    private let isStopping = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let threadID = Mutex<pthread_t?>(nil)

    init(
        url: String, channels: [String], logger: Logger, keepAliveInterval: Double,
        activity: RedisSubscriptionActivity, onEvent: (@Sendable (RedisSubscriptionEvent) -> Void)?,
        handler: @escaping @Sendable (String, [UInt8]) -> Void
    ) {
        self.url = url
        self.channels = channels.map { Array($0.utf8) }
        self.logger = logger
        self.keepAliveInterval = keepAliveInterval
        self.activity = activity
        self.onEvent = onEvent
        self.handler = handler
    }

    func start() {
        WorkerThread.start(name: "redis-subscriber") { [self] in
            threadID.withLock { $0 = pthread_self() }
            run()
            finished.signal()
        }
    }

    func stop(waitSeconds: Double) {
        isStopping.store(true, ordering: .releasing)
        wakeUp.signal()
        let onOwnThread = threadID.withLock { id in id.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
        if !onOwnThread { _ = finished.wait(timeout: .now() + waitSeconds) }
    }

    private var stopping: Bool { isStopping.load(ordering: .acquiring) }

    private func run() {
        var failures = 0
        while !stopping {
            do {
                let connection = try RedisConnection(endpoint: RedisEndpoint(url: url), connectTimeout: 2, socketTimeout: 5)
                try subscribe(on: connection)
                logger.debug("redis subscriber subscribed", ["channels": String(channels.count)])
                failures = 0
                try withExtendedLifetime(connection) {
                    activity.attach(connection.descriptor)
                    onEvent?(.subscribed)
                    defer {
                        activity.attach(-1)
                        onEvent?(.disconnected)
                    }
                    try receive(on: connection)
                }
            } catch {
                guard !stopping else { break }
                failures += 1
                let delay = min(5, 0.1 * pow(2, Double(min(failures, 10) - 1)))
                logger.warning(
                    "redis subscriber disconnected, reconnecting",
                    ["error": String(reflecting: error), "attempt": String(failures), "retry_in_seconds": String(delay)])
                _ = wakeUp.wait(timeout: .now() + delay)
            }
        }
    }

    /// Sends SUBSCRIBE and waits for one confirmation per channel. Redis sends them all before
    /// any message, so nothing is skipped here.
    private func subscribe(on connection: RedisConnection) throws {
        _ = try connection.command([Array("SUBSCRIBE".utf8)] + channels)
        for _ in 1..<channels.count {
            guard try connection.nextReply(timeout: 5) != nil else {
                throw RedisError(.connection, "SUBSCRIBE was not confirmed within 5 seconds")
            }
        }
    }

    /// Delivers messages until stopped. Throws when the connection fails or a PING gets no reply.
    ///
    /// `activity` shows reading from the moment the socket has data until every reply read has
    /// been delivered, so that other threads can tell when a message is on its way.
    private func receive(on connection: RedisConnection) throws {
        var idleSeconds = 0.0
        var awaitingPong = false
        let pollSeconds = min(0.25, keepAliveInterval)
        while !stopping {
            // Replies may already sit in hiredis's buffer, read together with the confirmation
            // of SUBSCRIBE, so they are delivered before waiting for the socket.
            if try deliverAvailableReplies(on: connection) {
                idleSeconds = 0
                awaitingPong = false
            }
            guard Self.waitUntilReadable(connection.descriptor, seconds: pollSeconds) else {
                idleSeconds += pollSeconds
                guard idleSeconds >= keepAliveInterval else { continue }
                guard !awaitingPong else { throw RedisError(.connection, "PING got no reply within \(keepAliveInterval) seconds") }
                try connection.send([Array("PING".utf8)])
                awaitingPong = true
                idleSeconds = 0
                continue
            }
        }
    }

    /// Delivers every reply that can be read without waiting, and returns true when there was
    /// one. `activity` shows reading throughout.
    private func deliverAvailableReplies(on connection: RedisConnection) throws -> Bool {
        activity.beginReading()
        defer { activity.endReading() }
        var delivered = false
        while let reply = try connection.nextReply(timeout: 0) {
            delivered = true
            deliver(reply)
        }
        return delivered
    }

    /// Returns true when the socket is readable or closed within `seconds`.
    private static func waitUntilReadable(_ socket: Int32, seconds: Double) -> Bool {
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, Int32(seconds * 1000)) != 0
    }

    // Replies in subscribed mode are arrays: ["message", channel, payload] for messages, and
    // ["subscribe", channel, count] or ["pong", ""] for confirmations, which need no action.
    private func deliver(_ reply: RedisReply) {
        guard case .array(let parts) = reply, parts.count == 3, parts[0].text == "message",
            let channel = parts[1].text, case .string(let payload) = parts[2]
        else { return }
        handler(channel, payload)
    }
}
