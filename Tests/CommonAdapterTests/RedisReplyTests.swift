import CHiredis
@testable import CommonAdapters
import XCTest

final class RedisReplyTests: XCTestCase {
    /// Parses raw RESP bytes with hiredis's reader, as a connection would.
    private func parse(_ resp: String) throws -> RedisReply {
        let reader = try XCTUnwrap(redisReaderCreate())
        defer { redisReaderFree(reader) }
        let bytes = Array(resp.utf8)
        XCTAssertEqual(bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { redisReaderFeed(reader, $0.baseAddress, $0.count) }
        }, REDIS_OK)

        var raw: UnsafeMutableRawPointer?
        XCTAssertEqual(redisReaderGetReply(reader, &raw), REDIS_OK)
        let reply = try XCTUnwrap(raw, "the reader needs a complete reply")
        defer { freeReplyObject(reply) }
        return RedisReply(reply.assumingMemoryBound(to: redisReply.self))
    }

    func testScalarRepliesConvert() throws {
        XCTAssertEqual(try parse("+OK\r\n"), .status("OK"))
        XCTAssertEqual(try parse(":-42\r\n"), .integer(-42))
        XCTAssertEqual(try parse("$5\r\nhello\r\n"), .string(Array("hello".utf8)))
        XCTAssertEqual(try parse("$0\r\n\r\n"), .string([]))
        XCTAssertEqual(try parse("$-1\r\n"), .null)
        XCTAssertEqual(try parse("-WRONGTYPE Operation against a key\r\n"), .error("WRONGTYPE Operation against a key"))
    }

    func testBulkStringIsBinarySafe() throws {
        XCTAssertEqual(try parse("$4\r\na\u{0}\r\n\r\n"), .string([0x61, 0x00, 0x0d, 0x0a]))
    }

    func testNestedArraysConvert() throws {
        let reply = try parse("*3\r\n$7\r\nmessage\r\n*2\r\n:1\r\n$-1\r\n*0\r\n")
        XCTAssertEqual(reply, .array([.string(Array("message".utf8)), .array([.integer(1), .null]), .array([])]))
        XCTAssertEqual(try parse("*-1\r\n"), .null)
    }

    func testTextReadsStringsAndStatuses() {
        XCTAssertEqual(RedisReply.string(Array("héllo".utf8)).text, "héllo")
        XCTAssertEqual(RedisReply.status("PONG").text, "PONG")
        XCTAssertNil(RedisReply.string([0xff, 0xfe]).text)
        XCTAssertNil(RedisReply.integer(1).text)
        XCTAssertNil(RedisReply.null.text)
        XCTAssertNil(RedisReply.error("ERR").text)
        XCTAssertNil(RedisReply.array([.status("OK")]).text)
    }

    func testArrayAccessor() {
        XCTAssertEqual(RedisReply.array([.integer(1)]).array, [.integer(1)])
        XCTAssertNil(RedisReply.integer(1).array)
    }

    func testErrorDescriptionIsGeneric() {
        let error = RedisError(.reply, "WRONGTYPE Operation against a key holding the wrong kind of value")
        XCTAssertEqual(error.errorCode, "WRONGTYPE")
        XCTAssertEqual(error.description, "redis error WRONGTYPE")
        XCTAssertTrue(error.debugDescription.contains("Operation against a key"))
        XCTAssertFalse(error.isConnectionFailure)
        XCTAssertNil(RedisError(.connection, "Connection refused").errorCode)
        XCTAssertTrue(RedisError(.connection, "Connection refused").isConnectionFailure)
    }

    func testEndpointParsesURLs() throws {
        let plain = try RedisEndpoint(url: "redis://127.0.0.1:56379/2")
        XCTAssertEqual(plain.host, "127.0.0.1")
        XCTAssertEqual(plain.port, 56379)
        XCTAssertEqual(plain.database, 2)
        XCTAssertEqual(plain.handshake, [["SELECT", "2"]])

        let defaults = try RedisEndpoint(url: "redis://cache")
        XCTAssertEqual(defaults.port, 6379)
        XCTAssertEqual(defaults.database, 0)
        XCTAssertEqual(defaults.handshake, [])

        XCTAssertEqual(try RedisEndpoint(url: "redis://:s3cret@localhost/0").handshake, [["AUTH", "s3cret"]])
        XCTAssertEqual(try RedisEndpoint(url: "redis://app:s3cret@localhost").handshake, [["AUTH", "app", "s3cret"]])
    }

    func testEndpointRejectsBadURLs() {
        for url in ["", "http://localhost", "redis://", "redis://localhost/abc", "redis://localhost/-1", "localhost:6379"] {
            XCTAssertThrowsError(try RedisEndpoint(url: url), url) { error in
                XCTAssertEqual((error as? RedisError)?.kind, .invalidRequest, url)
            }
        }
    }

    func testArgumentsKeepZeroBytes() {
        let arguments: [[UInt8]] = [Array("SET".utf8), [], [0, 1, 0]]
        let copied = RedisArguments.withArgv(arguments) { count, argv, lengths in
            (0..<Int(count)).map { index in
                Array(UnsafeRawBufferPointer(start: argv[index], count: lengths[index]))
            }
        }
        XCTAssertEqual(copied, arguments)
    }
}
