@testable import CommonAdapters
import Foundation
import XCTest

final class PostgresEncodableTests: XCTestCase {
    func testScalarTextForms() {
        XCTAssertEqual("plain 'quoted' ✓".postgresText, "plain 'quoted' ✓")
        XCTAssertEqual(42.postgresText, "42")
        XCTAssertEqual(Int64.min.postgresText, "-9223372036854775808")
        XCTAssertEqual(Int32(-7).postgresText, "-7")
        XCTAssertEqual(true.postgresText, "t")
        XCTAssertEqual(false.postgresText, "f")
    }

    func testDoubleTextForms() {
        XCTAssertEqual(0.1.postgresText, "0.1")
        XCTAssertEqual((-2.5e-7).postgresText, "-2.5e-07")
        XCTAssertEqual(Double.infinity.postgresText, "Infinity")
        XCTAssertEqual((-Double.infinity).postgresText, "-Infinity")
        XCTAssertEqual(Double.nan.postgresText, "NaN")
    }

    func testUUIDIsLowerCase() throws {
        let id = try XCTUnwrap(UUID(uuidString: "6F1C2B9E-0D4A-4C3B-9E8F-ABCDEF012345"))
        XCTAssertEqual(id.postgresText, "6f1c2b9e-0d4a-4c3b-9e8f-abcdef012345")
    }

    func testDateIsUTCWithMicroseconds() {
        XCTAssertEqual(Date(timeIntervalSince1970: 0).postgresText, "1970-01-01T00:00:00.000000Z")
        XCTAssertEqual(Date(timeIntervalSince1970: 1_714_555_800.123456).postgresText, "2024-05-01T09:30:00.123456Z")
        XCTAssertEqual(Date(timeIntervalSince1970: -0.5).postgresText, "1969-12-31T23:59:59.500000Z")
        XCTAssertEqual(Date(timeIntervalSince1970: 951_782_400).postgresText, "2000-02-29T00:00:00.000000Z")
        XCTAssertEqual(Date(timeIntervalSince1970: 1_704_067_199.9999996).postgresText, "2024-01-01T00:00:00.000000Z")
    }

    func testBytesUseHexForm() {
        XCTAssertEqual([UInt8]().postgresText, #"\x"#)
        XCTAssertEqual(([0x00, 0x0f, 0xa0, 0xff] as [UInt8]).postgresText, #"\x000fa0ff"#)
    }

    func testOptionalNoneIsNull() {
        XCTAssertNil(Int?.none.postgresText)
        XCTAssertEqual(Int?.some(3).postgresText, "3")
        XCTAssertNil(String??.some(nil).postgresText)
    }

    func testJSONTextEncodesWithProjectSettings() throws {
        struct Payload: Encodable {
            var orderNumber: Int
            var placedAt: Date
        }
        let text = try JSONText(encoding: Payload(orderNumber: 7, placedAt: Date(timeIntervalSince1970: 0)))

        XCTAssertEqual(text.postgresText, #"{"order_number":7,"placed_at":"1970-01-01T00:00:00.000Z"}"#)
        XCTAssertEqual(JSONText(#"{"a":1}"#).postgresText, #"{"a":1}"#)
    }

    func testTimestampParsesServerForms() throws {
        let cases: [(String, TimeInterval)] = [
            ("2024-05-01 09:30:00+00", 1_714_555_800),
            ("2024-05-01 09:30:00.25+00", 1_714_555_800.25),
            ("2024-05-01 09:30:00.123456+00", 1_714_555_800.123456),
            ("2024-05-01T15:30:00+06", 1_714_555_800),
            ("2024-05-01 04:00:00-05:30", 1_714_555_800),
            ("2024-05-01T09:30:00Z", 1_714_555_800),
            ("2024-05-01 09:30:00", 1_714_555_800),
            ("2024-05-01", 1_714_521_600),
            ("1969-12-31 23:59:59.5+00", -0.5),
            ("0001-01-01 00:00:00+00", -62_135_596_800),
        ]
        for (text, expected) in cases {
            let date = try XCTUnwrap(PostgresTimestamp.parse(text), text)
            XCTAssertEqual(date.timeIntervalSince1970, expected, accuracy: 0.000_001, text)
        }
        XCTAssertEqual(PostgresTimestamp.parse("infinity"), .distantFuture)
        XCTAssertEqual(PostgresTimestamp.parse("-infinity"), .distantPast)
    }

    func testTimestampRejectsMalformedText() {
        for text in ["", "2024", "2024-13-01", "2024-05-01 9:30:00+00", "2024-05-01 09:30+00", "2024-05-01 09:30:00 BC",
                     "2024-05-01 09:30:00+0", "2024-05-01X09:30:00", "yesterday"] {
            XCTAssertNil(PostgresTimestamp.parse(text), text)
        }
    }

    func testTimestampRoundTripsThroughText() throws {
        for seconds in [0, 1_714_555_800.654321, -1_000_000.25, 4_102_444_800] as [TimeInterval] {
            let date = Date(timeIntervalSince1970: seconds)
            let parsed = try XCTUnwrap(PostgresTimestamp.parse(PostgresTimestamp.format(date)))
            XCTAssertEqual(parsed.timeIntervalSince1970, seconds, accuracy: 0.000_001)
        }
    }

    func testRowParsersRejectForeignText() {
        XCTAssertEqual(PostgresRow.parseBytea(#"\x00ff"#), [0, 255])
        XCTAssertEqual(PostgresRow.parseBytea(#"\xABcd"#), [0xab, 0xcd])
        XCTAssertNil(PostgresRow.parseBytea(#"\x0"#))
        XCTAssertNil(PostgresRow.parseBytea(#"\xzz"#))
        XCTAssertNil(PostgresRow.parseBytea(#"\000"#))
        XCTAssertEqual(PostgresRow.parseBool("t"), true)
        XCTAssertEqual(PostgresRow.parseBool("f"), false)
        XCTAssertNil(PostgresRow.parseBool("yes"))
        XCTAssertEqual(PostgresRow.parseDouble("-Infinity"), -.infinity)
        XCTAssertEqual(PostgresRow.parseDouble("1.5e3"), 1500)
        XCTAssertNil(PostgresRow.parseDouble("1,5"))
    }
}
