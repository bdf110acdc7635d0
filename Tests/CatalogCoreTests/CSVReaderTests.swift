import CatalogCore
import CommonKernel
import XCTest

final class CSVReaderTests: XCTestCase {
    private func read(_ text: String) throws -> [CSVRecord] {
        try CSVReader.records(from: Array(text.utf8))
    }

    func testPlainRecordsWithLFAndCRLF() throws {
        for separator in ["\n", "\r\n", "\r"] {
            let records = try read(["a,b,c", "1,2,3", "x,,z"].joined(separator: separator) + separator)
            XCTAssertEqual(
                records.map(\.fields), [["a", "b", "c"], ["1", "2", "3"], ["x", "", "z"]],
                "separator \(separator.debugDescription)")
            XCTAssertEqual(records.map(\.row), [1, 2, 3], "separator \(separator.debugDescription)")
        }
    }

    func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let text = "Handle,Body (HTML)\nmug,\"<p>Tall, \"\"blue\"\" mug</p>\n<ul>\r\n<li>1</li></ul>\"\nplate,plain\n"
        let records = try read(text)
        XCTAssertEqual(records.count, 3)
        XCTAssertEqual(records[1].fields, ["mug", "<p>Tall, \"blue\" mug</p>\n<ul>\r\n<li>1</li></ul>"])
        XCTAssertEqual(records[2].fields, ["plate", "plain"])
        XCTAssertEqual(records.map(\.row), [1, 2, 3], "a multi-line record is one spreadsheet row")
        XCTAssertEqual(records.map(\.line), [1, 2, 5], "the next record starts on its physical line")
    }

    func testByteOrderMarkAndTrailingEmptyLines() throws {
        let records = try CSVReader.records(from: [0xEF, 0xBB, 0xBF] + Array("Handle,Title\nmug,Mug\n\n\n".utf8))
        XCTAssertEqual(records.map(\.fields), [["Handle", "Title"], ["mug", "Mug"]])
        XCTAssertEqual(records[0].fields[0], "Handle", "the byte order mark must not stick to the first header")
    }

    func testBlankLinesCountAsRows() throws {
        let records = try read("h\n\na\n\nb")
        XCTAssertEqual(records.map(\.fields), [["h"], ["a"], ["b"]])
        XCTAssertEqual(records.map(\.row), [1, 3, 5])
    }

    func testEmptyQuotedFieldsAndLastFieldWithoutNewline() throws {
        let records = try read("a,b\n\"\",\"\"\n\"x\",y")
        XCTAssertEqual(records.map(\.fields), [["a", "b"], ["", ""], ["x", "y"]])
    }

    func testLenientQuotes() throws {
        let records = try read("a,b\n5\" tall,\"quoted\"tail\n")
        XCTAssertEqual(records[1].fields, ["5\" tall", "quotedtail"])
    }

    func testUnclosedQuoteNamesRow() {
        let error = assertAppError(code: "csv.unclosed_quote") { _ = try self.read("a,b\n1,2\n3,\"open\n4,5\n") }
        XCTAssertTrue(error?.detail.contains("Row 3") ?? false, error?.detail ?? "")
    }

    func testInvalidUTF8Rejected() {
        assertAppError(code: "csv.invalid_encoding") { _ = try CSVReader.records(from: [0x61, 0x2C, 0xFF, 0x0A]) }
    }

    func testWriterRoundTrip() throws {
        let rows = [
            ["Handle", "Body (HTML)", "Tags"], ["mug", "<p>Tall, \"blue\"\nmug</p>", " leading"], ["", "", "a, b"],
        ]
        var writer = CSVWriter()
        rows.forEach { writer.write($0) }
        XCTAssertEqual(try read(writer.text).map(\.fields), rows)
    }
}
