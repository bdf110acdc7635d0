@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Messages that a subscriber's handler received, readable from the test's thread.
final class ReceivedMessages: Sendable {
    private let messages = Mutex<[(channel: String, payload: [UInt8])]>([])

    func append(_ channel: String, _ payload: [UInt8]) {
        messages.withLock { $0.append((channel, payload)) }
    }

    var all: [(channel: String, payload: [UInt8])] { messages.withLock { $0 } }

    func contains(_ payload: [UInt8]) -> Bool { all.contains { $0.payload == payload } }
}

/// Publishes `payload` every 100 ms until `received` contains it or `seconds` pass, because a
/// subscriber only hears messages published after its SUBSCRIBE reached Redis.
func publishUntilReceived(
    _ client: RedisClient, channel: String, payload: [UInt8], received: ReceivedMessages, seconds: Double
) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        _ = try? client.command(bytes: [Array("PUBLISH".utf8), Array(channel.utf8), payload])
        Thread.sleep(forTimeInterval: 0.1)
        if received.contains(payload) { return true }
    }
    return false
}

final class RedisSubscriberTests: XCTestCase {
    private let channel = "test-channel:\(UUID().uuidString)"

    func testSubscriberReceivesPublishedMessage() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let received = ReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel, channel + ":other"], logger: TestDatabases.logger) {
            received.append($0, $1)
        }
        subscriber.start()
        defer { subscriber.stop() }

        let payload: [UInt8] = [0, 0xff] + Array("tenant.updated".utf8)
        XCTAssertTrue(publishUntilReceived(client, channel: channel, payload: payload, received: received, seconds: 5))
        XCTAssertEqual(received.all.first?.channel, channel)

        try client.command(["PUBLISH", channel + ":other", "second"])
        try client.command(["PUBLISH", channel + ":unsubscribed", "ignored"])
        XCTAssertTrue(waitUntil(seconds: 5) { received.contains(Array("second".utf8)) })
        XCTAssertFalse(received.contains(Array("ignored".utf8)))
    }

    func testStopClosesSubscription() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let received = ReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel], logger: TestDatabases.logger) { received.append($0, $1) }
        subscriber.start()
        XCTAssertTrue(publishUntilReceived(client, channel: channel, payload: [1], received: received, seconds: 5))

        subscriber.stop()
        XCTAssertTrue(waitUntil(seconds: 5) { (try? client.command(["PUBLISH", channel, "after stop"])) == .integer(0) })
    }

    func testKeepAlivePingKeepsSubscription() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let received = ReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel], logger: TestDatabases.logger, keepAliveInterval: 0.1) {
            received.append($0, $1)
        }
        subscriber.start()
        defer { subscriber.stop() }
        XCTAssertTrue(publishUntilReceived(client, channel: channel, payload: [1], received: received, seconds: 5))

        // Several PINGs go out and come back while the channel is quiet.
        Thread.sleep(forTimeInterval: 0.6)
        try client.command(["PUBLISH", channel, "still here"])
        XCTAssertTrue(waitUntil(seconds: 5) { received.contains(Array("still here".utf8)) })
    }

    func testHandlerMayStopItsSubscriber() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let holder = Mutex<RedisSubscriber?>(nil)
        let received = ReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel], logger: TestDatabases.logger) { channel, payload in
            received.append(channel, payload)
            holder.withLock { $0 }?.stop()
        }
        holder.withLock { $0 = subscriber }
        subscriber.start()

        XCTAssertTrue(publishUntilReceived(client, channel: channel, payload: [2], received: received, seconds: 5))
        XCTAssertTrue(waitUntil(seconds: 5) { (try? client.command(["PUBLISH", channel, "x"])) == .integer(0) })
        holder.withLock { $0 = nil }
    }
}

/// Polls `condition` every 50 ms for up to `seconds`.
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}
