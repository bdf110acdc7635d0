import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class RedisTokenRevocationsTests: XCTestCase {
    private var client: RedisClient!
    private let user = UUID()
    private var key: String { "auth:v1:revoked-before:\(user.uuidString.lowercased())" }

    override func setUpWithError() throws {
        client = RedisClient(url: try TestDatabases.redisURL(), logger: TestDatabases.logger)
    }

    override func tearDown() {
        _ = try? client?.command(["DEL", key])
        client?.close()
    }

    func testRevocationIsStoredInMillisecondsWithExpiry() throws {
        let revocations = RedisTokenRevocations(redis: client, logger: TestDatabases.logger, tokenLifetime: 600)
        let instant = Date(timeIntervalSince1970: 1_796_400_000.123)
        try revocations.revokeTokens(of: user, issuedBefore: instant)

        XCTAssertEqual(try client.command(["GET", key]).text, "1796400000123")
        guard case .integer(let ttl) = try client.command(["TTL", key]) else { return XCTFail("TTL is not an integer") }
        XCTAssertGreaterThan(ttl, 600)
        XCTAssertLessThanOrEqual(ttl, 660)
    }

    func testOtherProcessReadsRevocation() throws {
        let writer = RedisTokenRevocations(redis: client, logger: TestDatabases.logger)
        let reader = RedisTokenRevocations(redis: client, logger: TestDatabases.logger, cacheFreshness: 0)
        XCTAssertNil(try reader.revocationInstant(of: user))

        let instant = Date(timeIntervalSince1970: 1_796_400_000.007)
        try writer.revokeTokens(of: user, issuedBefore: instant)
        let read = try XCTUnwrap(try reader.revocationInstant(of: user))
        XCTAssertEqual(TokenRevocationRule.milliseconds(read), 1_796_400_000_007)
    }

    func testCachedReadSkipsRedisUntilStale() throws {
        let reader = RedisTokenRevocations(redis: client, logger: TestDatabases.logger, cacheFreshness: 60)
        XCTAssertNil(try reader.revocationInstant(of: user))
        try client.command(["SET", key, "1796400000000"])

        XCTAssertNil(try reader.revocationInstant(of: user), "a fresh cached entry is used without reading Redis")
    }

    func testUnreadableRedisReturnsLastKnownInstant() throws {
        let reader = RedisTokenRevocations(redis: client, logger: TestDatabases.logger, cacheFreshness: 0)
        try client.command(["SET", key, "1796400000000"])
        XCTAssertNotNil(try reader.revocationInstant(of: user))
        try client.command(["SET", key, "not a number"])

        let lastKnown = try reader.revocationInstant(of: user)
        XCTAssertEqual(lastKnown.map(TokenRevocationRule.milliseconds), 1_796_400_000_000)
    }

    func testUnavailableRedisAcceptsUnknownUser() throws {
        let closed = RedisClient(url: try TestDatabases.redisURL(), logger: TestDatabases.logger)
        closed.close()
        let reader = RedisTokenRevocations(redis: closed, logger: TestDatabases.logger)

        XCTAssertNil(try reader.revocationInstant(of: user))
        XCTAssertThrowsError(try reader.revokeTokens(of: user, issuedBefore: Date())) { error in
            XCTAssertEqual((error as? AppError)?.code, "auth.revocation_unavailable")
        }
    }

    func testReadFailuresLogOncePerInterval() throws {
        let closed = RedisClient(url: try TestDatabases.redisURL(), logger: TestDatabases.logger)
        closed.close()
        let sink = LogSink.memory()
        let clock = Mutex(Date(timeIntervalSince1970: 1_796_400_000))
        let reader = RedisTokenRevocations(redis: closed, logger: Logger(label: "revocations", sink: sink),
                                           cacheFreshness: 0, now: { clock.withLock { $0 } })
        for secondsLater in [0.0, 1, 2, 11] {
            clock.withLock { $0 = Date(timeIntervalSince1970: 1_796_400_000 + secondsLater) }
            XCTAssertNil(try reader.revocationInstant(of: user))
        }

        let warnings = sink.capturedLines.filter { $0.contains("token revocation read failed") }
        XCTAssertEqual(warnings.count, 2, "\(sink.capturedLines)")
        XCTAssertTrue(warnings.last?.contains(#""unlogged_failures":"2""#) ?? false, "\(warnings)")
    }
}
