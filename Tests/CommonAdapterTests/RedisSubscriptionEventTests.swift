@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Events in the order the subscriber's thread reported them, messages included.
private final class SubscriptionRecord: Sendable {
    private let entries = Mutex<[String]>([])

    func append(_ entry: String) {
        entries.withLock { $0.append(entry) }
    }

    var all: [String] { entries.withLock { $0 } }
}

/// `RedisSubscriber`'s connection events and its check for messages not yet delivered.
final class RedisSubscriptionEventTests: XCTestCase {
    private let channel = "test-events:\(UUID().uuidString)"

    private func subscriber(
        _ url: String, _ record: SubscriptionRecord, handler: @escaping @Sendable ([UInt8]) -> Void = { _ in }
    ) -> RedisSubscriber {
        RedisSubscriber(
            url: url, channels: [channel, channel + ":second"], logger: TestDatabases.logger,
            onEvent: { record.append("\($0)") },
            handler: { _, payload in
                record.append("message " + String(decoding: payload, as: UTF8.self))
                handler(payload)
            })
    }

    func testEventsFrameMessages() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        defer { client.close() }
        let record = SubscriptionRecord()
        let subscriber = subscriber(url, record)
        subscriber.start()
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { record.all.contains("subscribed") })

        try client.command(["PUBLISH", channel, "one"])
        try client.command(["PUBLISH", channel + ":second", "two"])
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { record.all.count == 3 })
        subscriber.stop()

        XCTAssertEqual(record.all, ["subscribed", "message one", "message two", "disconnected"])
    }

    func testUndeliveredMessageShowsUntilHandled() throws {
        let url = try TestDatabases.redisURL()
        let client = RedisClient(url: url, logger: TestDatabases.logger)
        defer { client.close() }
        let record = SubscriptionRecord()
        let release = DispatchSemaphore(value: 0)
        let subscriber = subscriber(url, record) { payload in
            if payload == Array("hold".utf8) { release.wait() }
        }
        XCTAssertFalse(subscriber.mayHaveUndeliveredMessages, "nothing is subscribed yet")
        subscriber.start()
        defer { subscriber.stop() }
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { record.all.contains("subscribed") })
        XCTAssertFalse(subscriber.mayHaveUndeliveredMessages, "the channel is quiet")

        try client.command(["PUBLISH", channel, "hold"])
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { record.all.contains("message hold") })
        XCTAssertTrue(subscriber.mayHaveUndeliveredMessages, "the handler is still running")
        try client.command(["PUBLISH", channel, "queued"])
        XCTAssertTrue(subscriber.mayHaveUndeliveredMessages, "a message waits behind the running handler")

        release.signal()
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { record.all.contains("message queued") })
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { !subscriber.mayHaveUndeliveredMessages })
    }

    func testRestartReportsLossAndResubscription() throws {
        let servers = try ThrowawayDatabases()
        let record = SubscriptionRecord()
        let subscriber = subscriber(servers.redisURL, record)
        subscriber.start()
        defer { subscriber.stop() }
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { record.all == ["subscribed"] })

        try servers.control("redis", "stop")
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 5) { record.all == ["subscribed", "disconnected"] })
        XCTAssertFalse(subscriber.mayHaveUndeliveredMessages, "no connection is subscribed")

        try servers.control("redis", "start")
        XCTAssertTrue(
            RedisTestSupport.waitUntil(seconds: 15) { record.all == ["subscribed", "disconnected", "subscribed"] },
            "\(record.all)")
    }
}
