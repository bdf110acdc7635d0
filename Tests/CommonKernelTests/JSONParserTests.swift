import CommonKernel
import Foundation
import XCTest

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func rejection(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            let value = try JSONParser.parse(bytes)
            XCTFail("accepted \(value)")
            return nil
        } catch {
            return error
        }
    }

    private func rejection(_ text: String) -> JSONParseError? { rejection(Array(text.utf8)) }

    func testParsesEveryValueKind() throws {
        let value = try parse(#" {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d"}, "e": ""} "#)
        XCTAssertEqual(value, .object([
            "a": .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("d")]),
            "e": .string(""),
        ]))
    }

    func testResolvesEscapesAndSurrogates() throws {
        let value = try parse(#""q\"b\\s\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
        XCTAssertEqual(value, .string("q\"b\\s/\u{8}\u{C}\n\r\té😀"))
    }

    func testKeepsMultiByteCharacters() throws {
        XCTAssertEqual(try parse(#"{"নাম": "ঢাকা"}"#), .object(["নাম": .string("ঢাকা")]))
    }

    func testRejectsDuplicateMemberWithPath() {
        let top = rejection(#"{"email": "a@example.com", "email": "b@example.com"}"#)
        XCTAssertEqual(top?.reason, .duplicateKey)
        XCTAssertEqual(top?.path, "email")

        let nested = rejection(#"{"lines": [{"sku": "A"}, {"sku": "B", "sku": "C"}]}"#)
        XCTAssertEqual(nested?.reason, .duplicateKey)
        XCTAssertEqual(nested?.path, "lines[1].sku")
    }

    func testAllowsNameInSeparateObjects() throws {
        let value = try parse(#"{"a": {"id": 1}, "b": {"id": 2}}"#)
        XCTAssertEqual(value, .object(["a": .object(["id": .number(1)]), "b": .object(["id": .number(2)])]))
    }

    func testRejectsGrammarViolations() {
        let documents = [
            "", "{", "[1,]", #"{"a":1,}"#, "01", "+1", ".5", "1.", "1e", "-", "NaN", "Infinity",
            "tru", "nul", "{a:1}", "{'a':1}", "[1 2]", #"{"a" 1}"#, "{} x", "\"open", "1e400",
            "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#,
        ]
        for document in documents {
            guard let error = rejection(document) else { continue }
            guard case .syntax(let message) = error.reason else {
                XCTFail("\(document): \(error)")
                continue
            }
            XCTAssertFalse(message.isEmpty, document)
        }
    }

    func testRejectsInvalidUTF8() {
        let error = rejection([0x22, 0x61, 0xFF, 0x22])
        XCTAssertEqual(error?.reason, .syntax("a string is not valid UTF-8"))
    }

    func testReportsErrorOffset() {
        let error = rejection(#"{"name": "shop", "plan": ?}"#)
        XCTAssertEqual(error?.offset, 25)
        XCTAssertEqual(error?.path, "plan")
        XCTAssertEqual(error?.message, "unexpected character '?' at byte 25")
    }

    func testLimitsNesting() throws {
        let deepest = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        XCTAssertNoThrow(try parse(deepest))
        let tooDeep = "[" + deepest + "]"
        XCTAssertEqual(rejection(tooDeep)?.reason, .syntax("nested deeper than \(JSONParser.maximumDepth) levels"))
    }

    /// Every JSON file of the shared payment data reads to the same value as Foundation's decoder.
    func testMatchesFoundationOnPaymentDocuments() throws {
        guard let directory = ProcessInfo.processInfo.environment["COMMERCE_DATA_DIR"], !directory.isEmpty else {
            throw XCTSkip("Set COMMERCE_DATA_DIR to compare with the real payment documents.")
        }
        var compared = 0
        for folder in ["stripe", "bkash", "nagad"] {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names where name.hasSuffix(".json") {
                let data = try Data(contentsOf: url.appendingPathComponent(name))
                let expected = try JSONDecoder().decode(JSONValue.self, from: data)
                XCTAssertEqual(try JSONParser.parse(Array(data)), expected, "\(folder)/\(name)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 10, "expected the payment folders to hold JSON documents")
    }
}
