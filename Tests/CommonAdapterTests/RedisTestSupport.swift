import CommonAdapters
import Foundation
import Synchronization

/// Messages that a subscriber's handler received, readable from the test's thread.
final class RedisReceivedMessages: Sendable {
    private let messages = Mutex<[(channel: String, payload: [UInt8])]>([])

    func append(_ channel: String, _ payload: [UInt8]) {
        messages.withLock { $0.append((channel, payload)) }
    }

    var all: [(channel: String, payload: [UInt8])] { messages.withLock { $0 } }

    func contains(_ payload: [UInt8]) -> Bool { all.contains { $0.payload == payload } }
}

enum RedisTestSupport {
    /// Publishes `payload` every 100 ms until `received` contains it or `seconds` pass, because a
    /// subscriber only hears messages published after its SUBSCRIBE reached Redis.
    static func publishUntilReceived(
        _ client: RedisClient, channel: String, payload: [UInt8], received: RedisReceivedMessages, seconds: Double
    ) -> Bool {
        waitUntil(seconds: seconds, interval: 0.1) {
            _ = try? client.command(bytes: [Array("PUBLISH".utf8), Array(channel.utf8), payload])
            return received.contains(payload)
        }
    }

    /// Evaluates `condition` every `interval` seconds until it holds or `seconds` pass.
    static func waitUntil(seconds: Double, interval: Double = 0.05, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: interval)
        }
        return condition()
    }
}
