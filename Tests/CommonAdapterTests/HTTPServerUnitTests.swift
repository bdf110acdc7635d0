@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class HTTPServerUnitTests: XCTestCase {
    private struct Order: Decodable {
        struct Line: Decodable {
            var unitPrice: Int
        }

        var lines: [Line]
        var note: String?
    }

    func testRequestIDCharacterRules() {
        XCTAssertTrue(RequestID.isValid("a"))
        XCTAssertTrue(RequestID.isValid("Az09._-"))
        XCTAssertTrue(RequestID.isValid(String(repeating: "x", count: 128)))
        XCTAssertFalse(RequestID.isValid(""))
        XCTAssertFalse(RequestID.isValid(String(repeating: "x", count: 129)))
        XCTAssertFalse(RequestID.isValid("a b"))
        XCTAssertFalse(RequestID.isValid("a/b"))
        XCTAssertFalse(RequestID.isValid("é"))
        XCTAssertFalse(RequestID.isValid("line\nbreak"))
    }

    func testGeneratedRequestIDIsLowercaseUUID() {
        let generated = RequestID.accept(nil)

        XCTAssertNotNil(UUID(uuidString: generated))
        XCTAssertEqual(generated, generated.lowercased())
        XCTAssertNotEqual(RequestID.accept(nil), generated)
    }

    func testDecodingErrorPaths() {
        let cases: [(json: String, field: String, code: String)] = [
            (#"{"lines": [{"unit_price": 1}, {"unit_price": "2"}]}"#, "lines[1].unit_price", "wrong_type"),
            (#"{"lines": [{}]}"#, "lines[0].unit_price", "missing"),
            (#"{"lines": null}"#, "lines", "missing"),
            (#"{"lines": {}}"#, "lines", "wrong_type"),
            (#"{"lines": [], "note": 5}"#, "note", "wrong_type"),
            (#"[1"#, "body", "invalid"),
        ]
        for (json, field, code) in cases {
            do {
                _ = try JSONCoding.decoder.decode(Order.self, from: Data(json.utf8))
                XCTFail("decoded \(json)")
            } catch let error as DecodingError {
                XCTAssertEqual(error.fieldPath, field, json)
                XCTAssertEqual(error.fieldCode, code, json)
            } catch {
                XCTFail("\(json): \(error)")
            }
        }
    }

    func testTypeMismatchMessageNamesType() throws {
        let json = #"{"lines": [{"unit_price": "2"}]}"#
        XCTAssertThrowsError(try JSONCoding.decoder.decode(Order.self, from: Data(json.utf8))) { error in
            XCTAssertEqual((error as? DecodingError)?.fieldMessage, "must be a whole number")
        }
    }

    func testShutdownSignalReturnsSignalNumber() {
        ShutdownSignal.installHandlers()
        Thread.detachNewThread {
            usleep(50_000)
            kill(getpid(), SIGTERM)
        }

        XCTAssertEqual(ShutdownSignal.wait(), SIGTERM)
    }
}
