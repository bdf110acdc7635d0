import CommonKernel
import Foundation
import Synchronization

/// The thread behind one `RedisSubscriber.start()`: connect, subscribe, receive, and on failure
/// back off and start over, until `stop` is called.
final class RedisSubscriptionLoop: Sendable {
    private let url: String
    private let channels: [[UInt8]]
    private let logger: Logger
    private let keepAliveInterval: Double
    private let handler: @Sendable (String, [UInt8]) -> Void
    private let isStopping = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let threadID = Mutex<pthread_t?>(nil)

    init(
        url: String, channels: [String], logger: Logger, keepAliveInterval: Double,
        handler: @escaping @Sendable (String, [UInt8]) -> Void
    ) {
        self.url = url
        self.channels = channels.map { Array($0.utf8) }
        self.logger = logger
        self.keepAliveInterval = keepAliveInterval
        self.handler = handler
    }

    func start() {
        let thread = Thread { [self] in
            threadID.withLock { $0 = pthread_self() }
            run()
            finished.signal()
        }
        thread.name = "redis-subscriber"
        thread.start()
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
                _ = try connection.command([Array("SUBSCRIBE".utf8)] + channels)
                logger.debug("redis subscriber subscribed", ["channels": String(channels.count)])
                failures = 0
                try receive(on: connection)
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

    /// Delivers messages until stopped. Throws when the connection fails or a PING gets no reply.
    private func receive(on connection: RedisConnection) throws {
        var idleSeconds = 0.0
        var awaitingPong = false
        let pollSeconds = min(0.25, keepAliveInterval)
        while !stopping {
            guard let reply = try connection.nextReply(timeout: pollSeconds) else {
                idleSeconds += pollSeconds
                guard idleSeconds >= keepAliveInterval else { continue }
                guard !awaitingPong else { throw RedisError(.connection, "PING got no reply within \(keepAliveInterval) seconds") }
                try connection.send([Array("PING".utf8)])
                awaitingPong = true
                idleSeconds = 0
                continue
            }
            idleSeconds = 0
            awaitingPong = false
            deliver(reply)
        }
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
