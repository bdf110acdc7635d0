@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class RedisSubscriberTests: XCTestCase {
    private let channel = "test-channel:\(UUID().uuidString)"

    func testSubscriberReceivesPublishedMessage() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let received = RedisReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel, channel + ":other"], logger: TestDatabases.logger) {
            received.append($0, $1)
        }
        subscriber.start()
        defer { subscriber.stop() }

        let payload: [UInt8] = [0, 0xff] + Array("tenant.updated".utf8)
        XCTAssertTrue(RedisTestSupport.publishUntilReceived(client, channel: channel, payload: payload, received: received, seconds: 5))
        XCTAssertEqual(received.all.first?.channel, channel)

        try client.command(["PUBLISH", channel + ":other", "second"])
        try client.command(["PUBLISH", channel + ":unsubscribed", "ignored"])
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { received.contains(Array("second".utf8)) })
        XCTAssertFalse(received.contains(Array("ignored".utf8)))
    }

    func testStopClosesSubscription() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let received = RedisReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel], logger: TestDatabases.logger) { received.append($0, $1) }
        subscriber.start()
        XCTAssertTrue(RedisTestSupport.publishUntilReceived(client, channel: channel, payload: [1], received: received, seconds: 5))

        subscriber.stop()
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { (try? client.command(["PUBLISH", channel, "after stop"])) == .integer(0) })
    }

    func testKeepAlivePingKeepsSubscription() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let received = RedisReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel], logger: TestDatabases.logger, keepAliveInterval: 0.1) {
            received.append($0, $1)
        }
        subscriber.start()
        defer { subscriber.stop() }
        XCTAssertTrue(RedisTestSupport.publishUntilReceived(client, channel: channel, payload: [1], received: received, seconds: 5))

        // Several PINGs go out and come back while the channel is quiet.
        Thread.sleep(forTimeInterval: 0.6)
        try client.command(["PUBLISH", channel, "still here"])
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { received.contains(Array("still here".utf8)) })
    }

    func testHandlerMayStopItsSubscriber() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        let holder = Mutex<RedisSubscriber?>(nil)
        let received = RedisReceivedMessages()
        let subscriber = RedisSubscriber(url: url, channels: [channel], logger: TestDatabases.logger) { channel, payload in
            received.append(channel, payload)
            holder.withLock { $0 }?.stop()
        }
        holder.withLock { $0 = subscriber }
        subscriber.start()

        XCTAssertTrue(RedisTestSupport.publishUntilReceived(client, channel: channel, payload: [2], received: received, seconds: 5))
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { (try? client.command(["PUBLISH", channel, "x"])) == .integer(0) })
        holder.withLock { $0 = nil }
    }
}
