@testable import CatalogAdapters
import CommonAdapters
import Foundation
import XCTest

/// The byte-level id, array and string conversions of the product read path agree with the
/// Foundation and `PostgresArray` conversions they replace.
final class CatalogReadDecodingTests: XCTestCase {
    func testUUIDTextMatchesFoundation() {
        for _ in 0..<200 {
            let id = UUID()
            XCTAssertEqual(id.lowercasedString, id.uuidString.lowercased())
            XCTAssertEqual(UUID(hexText: id.uuidString), id)
            XCTAssertEqual(UUID(hexText: id.lowercasedString), id)
        }
        XCTAssertEqual(
            UUID(hexText: "00000000-0000-0000-0000-0000000000ff")?.uuidString, "00000000-0000-0000-0000-0000000000FF")
    }

    func testUUIDTextRejectsOtherForms() {
        let bad = [
            "", "0190d6a4-5f6e-7c3b-9a2d-4e1f0b8c7a6", "0190d6a4-5f6e-7c3b-9a2d-4e1f0b8c7a655",
            "0190d6a45f6e-7c3b-9a2d-4e1f0b8c7a65x", "0190d6a4-5f6e-7c3b-9a2d-4e1f0b8c7a6g",
            "{0190d6a4-5f6e-7c3b-9a2d-4e1f0b8c7a}", "0190d6a4_5f6e_7c3b_9a2d_4e1f0b8c7a65",
        ]
        for text in bad {
            XCTAssertNil(UUID(hexText: text), text)
            XCTAssertNil(UUID(uuidString: text), "Foundation accepts \(text), so the two disagree")
        }
    }

    func testArrayParserMatchesPostgresArray() {
        let cases = [
            "{}", "{a}", "{a,\"b c\",\"d\\\"e\"}", "{\"\",\"NULL\",\"{brace}\"}", "{নকশী,\"জামদানি, শাড়ি\"}",
            "{\"back\\\\slash\",x}", "{\"comma,inside\",\"quote\\\"inside\"}",
        ]
        for text in cases {
            XCTAssertEqual(PostgresRow.parseArray(text), PostgresArray.parse(text), text)
        }
        let values = ["plain", "with space", "comma,inside", "quote\"inside", "back\\slash", "NULL", "", "নকশী"]
        XCTAssertEqual(PostgresRow.parseArray(PostgresArray(values).postgresText ?? ""), values)
        XCTAssertNil(PostgresRow.parseArray("a,b"))
        XCTAssertNil(PostgresRow.parseArray("{"))
    }

    func testUUIDArrayParameterText() {
        let ids = [UUID(), UUID()]
        XCTAssertEqual(
            UUIDArrayParameter(ids: ids).postgresText,
            "{\(ids[0].uuidString.lowercased()),\(ids[1].uuidString.lowercased())}")
        XCTAssertEqual(UUIDArrayParameter(ids: []).postgresText, "{}")
    }

    func testJSONWriterEscapesEveryControlCharacter() throws {
        var text = ""
        for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\"\\/ plain নকশী"
        var writer = JSONWriter()
        writer.object { json in json.member("text", text) }

        let output = String(decoding: writer.bytes, as: UTF8.self)
        XCTAssertTrue(output.hasPrefix("{\"text\":\"\\u0000\\u0001"), output)
        XCTAssertTrue(output.contains("\\n\\u000b\\u000c\\r"), output)
        XCTAssertTrue(output.hasSuffix("\\\"\\\\/ plain নকশী\"}"), output)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: String])
        XCTAssertEqual(parsed["text"], text)
    }

    func testJSONWriterWritesIDs() {
        let ids = [UUID(), UUID()]
        var writer = JSONWriter()
        writer.object { json in
            json.member("id", id: ids[0])
            json.member("none", id: nil)
            json.key("list")
            json.array(ids) { json, id in json.string(id: id) }
        }
        let lower = ids.map { $0.uuidString.lowercased() }
        XCTAssertEqual(
            String(decoding: writer.bytes, as: UTF8.self),
            "{\"id\":\"\(lower[0])\",\"none\":null,\"list\":[\"\(lower[0])\",\"\(lower[1])\"]}")
    }
}
