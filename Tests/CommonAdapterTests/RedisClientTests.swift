@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class RedisClientTests: XCTestCase {
    private var client: RedisClient!
    private let prefix = "test:\(UUID().uuidString):"

    override func setUpWithError() throws {
        client = RedisClient(url: try TestDatabases.redisURL(), logger: TestDatabases.logger, poolSize: 2)
    }

    override func tearDown() {
        if let client, let keys = try? client.command(["KEYS", prefix + "*"]).array, !keys.isEmpty {
            _ = try? client.command(["DEL"] + keys.compactMap(\.text))
        }
        client?.close()
    }

    func testCommandsReturnEachReplyType() throws {
        XCTAssertEqual(try client.command(["SET", prefix + "a", "1"]), .status("OK"))
        XCTAssertEqual(try client.command(["INCRBY", prefix + "a", "41"]), .integer(42))
        XCTAssertEqual(try client.command(["GET", prefix + "a"]).text, "42")
        XCTAssertEqual(try client.command(["GET", prefix + "missing"]), .null)
        XCTAssertEqual(
            try client.command(["MGET", prefix + "a", prefix + "missing"]), .array([.string(Array("42".utf8)), .null]))
        XCTAssertNoThrow(try client.ping())
    }

    func testBinaryValuesRoundTrip() throws {
        let key = Array((prefix + "binary\u{0}key").utf8)
        let value: [UInt8] = [0, 0xff, 0x0d, 0x0a, 0x24, 0x2a] + Array(repeating: 7, count: 100_000)

        try client.command(bytes: [Array("SET".utf8), key, value])
        XCTAssertEqual(try client.command(bytes: [Array("GET".utf8), key]), .string(value))
    }

    func testErrorReplyThrowsAndKeepsConnection() throws {
        try client.command(["RPUSH", prefix + "list", "x"])

        XCTAssertThrowsError(try client.command(["GET", prefix + "list"])) { error in
            guard let error = error as? RedisError else { return XCTFail("expected RedisError, got \(error)") }
            XCTAssertEqual(error.kind, .reply)
            XCTAssertEqual(error.errorCode, "WRONGTYPE")
            XCTAssertEqual(error.description, "redis error WRONGTYPE")
        }
        XCTAssertThrowsError(try client.command(["NOSUCHCOMMAND"])) { error in
            XCTAssertEqual((error as? RedisError)?.errorCode, "ERR")
        }
        XCTAssertNoThrow(try client.ping())
    }

    func testEmptyCommandIsRejected() {
        XCTAssertThrowsError(try client.command([])) { error in
            XCTAssertEqual((error as? RedisError)?.kind, .invalidRequest)
        }
    }

    func testUnreachableServerIsUnavailable() {
        let nowhere = RedisClient(url: "redis://127.0.0.1:1/0", logger: TestDatabases.logger)
        XCTAssertThrowsError(try nowhere.ping()) { error in
            XCTAssertEqual((error as? AppError)?.code, "redis.unavailable")
            XCTAssertEqual((error as? AppError)?.detail, "Redis is unreachable.")
        }
    }

    func testInvalidURLIsReportedOnUse() {
        let invalid = RedisClient(url: "http://127.0.0.1:6379", logger: TestDatabases.logger)
        XCTAssertThrowsError(try invalid.ping()) { error in
            XCTAssertEqual((error as? AppError)?.code, "redis.unavailable")
            XCTAssertEqual((error as? AppError)?.detail, "The Redis URL is invalid.")
        }
    }

    func testDatabaseNumberIsSelected() throws {
        let url = try TestDatabases.redisURL()
        let other = RedisClient(url: url.replacingOccurrences(of: #"/\d+$"#, with: "/3", options: .regularExpression), logger: TestDatabases.logger)
        defer { other.close() }
        let key = prefix + "db"
        defer { _ = try? other.command(["DEL", key]) }

        try other.command(["SET", key, "in 3"])
        XCTAssertEqual(try client.command(["GET", key]), .null)
        XCTAssertEqual(try other.command(["GET", key]).text, "in 3")
    }

    func testConcurrentCommandsShareThePool() throws {
        let failures = Mutex<[String]>([])
        let client = try XCTUnwrap(self.client)
        let key = prefix + "counter"
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            for _ in 0..<50 {
                do {
                    try client.command(["INCR", key])
                } catch {
                    failures.withLock { $0.append(String(reflecting: error)) }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
        XCTAssertEqual(try client.command(["GET", key]).text, "300")
    }
}
