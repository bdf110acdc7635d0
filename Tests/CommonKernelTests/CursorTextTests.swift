import CommonKernel
import Foundation
import XCTest

final class CursorTextTests: XCTestCase {
    private let positions = [
        "v1|newest|84c55cf8-af22-49d6-bb21-e8c202b9feab|1796457781234",
        "v1|title|1dd6d3c7-6f24-483c-8449-db4695481105|bamboo bread basket",
        "v1|title|1dd6d3c7-6f24-483c-8449-db4695481105|শীতল পাটি | mat",
        "v1|12",
        "",
    ]

    func testRoundTripKeepsText() {
        for text in positions {
            let cursor = CursorText.encode(text)
            XCTAssertEqual(CursorText.decode(cursor), text)
            XCTAssertFalse(cursor.contains("="), cursor)
        }
    }

    func testScopedCursorDecodesOnlyInItsScope() {
        let scope = "tenant=84c55cf8-af22-49d6-bb21-e8c202b9feab\ntag=jute"
        for text in positions {
            let cursor = CursorText.encode(text, scope: scope)
            XCTAssertEqual(CursorText.decode(cursor, scope: scope), text)
            XCTAssertNil(CursorText.decode(cursor), "\(text) without its scope")
            XCTAssertNil(CursorText.decode(cursor, scope: scope + "x"), "\(text) in another scope")
            XCTAssertNil(CursorText.decode(CursorText.encode(text), scope: scope), "\(text) made without a scope")
        }
    }

    func testTruncatedCursorRejected() {
        for text in positions {
            let cursor = CursorText.encode(text)
            for length in 0..<cursor.count {
                let truncated = String(cursor.prefix(length))
                XCTAssertNil(CursorText.decode(truncated), "\(text) cut to \(length) characters")
            }
        }
    }

    func testEditedCursorRejected() {
        let cursor = Array(CursorText.encode(positions[0]))
        for index in cursor.indices {
            var edited = cursor
            edited[index] = edited[index] == "A" ? "B" : "A"
            XCTAssertNil(CursorText.decode(String(edited)), "character \(index) changed")
        }
    }

    func testCursorWithoutChecksumRejected() {
        let plain = Base64URL.encode(Array("v1|newest|84c55cf8-af22-49d6-bb21-e8c202b9feab|1796457781234".utf8))
        XCTAssertNil(CursorText.decode(plain))
        XCTAssertNil(CursorText.decode("not base64!"))
        XCTAssertNil(CursorText.decode(Base64URL.encode([0xff, 0xfe, 0x7c, 0x30])), "invalid UTF-8")
    }
}
