@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Restarts a Redis server of the test's own and checks that clients and subscribers heal.
final class RedisRestartTests: XCTestCase {
    func testClientRecoversAfterRestart() throws {
        let servers = try ThrowawayDatabases()
        let client = RedisClient(url: servers.redisURL, logger: TestDatabases.logger, poolSize: 2)
        defer { client.close() }
        try client.command(["SET", "before", "restart"])

        try servers.control("redis", "restart")

        XCTAssertEqual(try client.command(["SET", "after", "restart"]), .status("OK"))
        XCTAssertEqual(try client.command(["GET", "after"]).text, "restart")
        XCTAssertEqual(try client.command(["GET", "before"]), .null, "the test server keeps no data across restarts")
    }

    func testClientIsUnavailableWhileStopped() throws {
        let servers = try ThrowawayDatabases()
        let client = RedisClient(url: servers.redisURL, logger: TestDatabases.logger, poolSize: 2)
        defer { client.close() }
        try client.ping()

        try servers.control("redis", "stop")
        XCTAssertThrowsError(try client.ping()) { error in
            XCTAssertEqual((error as? AppError)?.code, "redis.unavailable")
        }

        try servers.control("redis", "start")
        XCTAssertNoThrow(try client.ping())
    }

    func testSubscriberResubscribesAfterRestart() throws {
        let servers = try ThrowawayDatabases()
        let client = RedisClient(url: servers.redisURL, logger: TestDatabases.logger)
        defer { client.close() }
        let received = RedisReceivedMessages()
        let subscriber = RedisSubscriber(url: servers.redisURL, channels: ["events"], logger: TestDatabases.logger) {
            received.append($0, $1)
        }
        subscriber.start()
        defer { subscriber.stop() }
        XCTAssertTrue(RedisTestSupport.publishUntilReceived(client, channel: "events", payload: Array("first".utf8), received: received, seconds: 5))

        try servers.control("redis", "restart")

        XCTAssertTrue(RedisTestSupport.publishUntilReceived(client, channel: "events", payload: Array("second".utf8), received: received, seconds: 10))
    }
}
