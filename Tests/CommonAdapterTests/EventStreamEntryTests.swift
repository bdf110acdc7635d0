@testable import CommonAdapters
import XCTest

final class EventStreamEntryTests: XCTestCase {
    private func bulk(_ text: String) -> RedisReply { .string(Array(text.utf8)) }

    private func entryReply(_ id: String, _ fields: [String]) -> RedisReply {
        .array([bulk(id), .array(fields.map(bulk))])
    }

    func testReadReplyIsParsed() throws {
        let reply = RedisReply.array([
            .array([bulk("events"), .array([entryReply("1-0", ["envelope", "{}", "type", "a.b"]), entryReply("2-0", [])])])
        ])

        let entries = try StreamEntry.entries(fromRead: reply)

        XCTAssertEqual(entries, [
            StreamEntry(id: "1-0", fields: ["envelope": "{}", "type": "a.b"]),
            StreamEntry(id: "2-0", fields: [:]),
        ])
    }

    func testTimedOutReadHasNoEntries() throws {
        XCTAssertEqual(try StreamEntry.entries(fromRead: .null), [])
    }

    func testTrimmedEntryHasNoFields() throws {
        let reply = RedisReply.array([.array([bulk("events"), .array([.array([bulk("3-0"), .null])])])])

        XCTAssertEqual(try StreamEntry.entries(fromRead: reply), [StreamEntry(id: "3-0", fields: nil)])
    }

    func testAutoclaimReplyOfRedis7IsParsed() throws {
        let reply = RedisReply.array([bulk("5-0"), .array([entryReply("4-0", ["type", "x"])]), .array([bulk("1-0")])])

        let claim = try StreamEntry.claimed(fromAutoclaim: reply)

        XCTAssertEqual(claim.cursor, "5-0")
        XCTAssertEqual(claim.entries, [StreamEntry(id: "4-0", fields: ["type": "x"])])
    }

    func testPendingReplyGivesDeliveryCounts() throws {
        let reply = RedisReply.array([
            .array([bulk("1-0"), bulk("consumer-a"), .integer(1200), .integer(3)]),
            .array([bulk("2-0"), bulk("consumer-a"), .integer(40), .integer(1)]),
        ])

        XCTAssertEqual(try StreamEntry.deliveryCounts(fromPending: reply), ["1-0": 3, "2-0": 1])
    }

    func testMalformedRepliesAreRejected() {
        let cases: [(String, () throws -> Void)] = [
            ("read of a status", { _ = try StreamEntry.entries(fromRead: .status("OK")) }),
            ("odd field list", { _ = try StreamEntry.entries(fromRange: .array([self.entryReply("1-0", ["type"])])) }),
            ("claim without entries", { _ = try StreamEntry.claimed(fromAutoclaim: .array([self.bulk("0-0")])) }),
            ("pending row too short", { _ = try StreamEntry.deliveryCounts(fromPending: .array([.array([self.bulk("1-0")])])) }),
        ]
        for (name, parse) in cases {
            XCTAssertThrowsError(try parse(), name) { error in
                XCTAssertEqual((error as? RedisError)?.kind, .unexpectedReply, name)
            }
        }
    }
}
