import CommonKernel
import Foundation
import XCTest

/// The kernel's text helpers against Foundation's functions that they replace in service code.
final class TextHelpersTests: XCTestCase {
    private let samples = [
        "", " ", "\t", "plain", "  both ends  ", "\ttabbed\t", "\n line \r\n", "\u{00A0}no-break\u{00A0}",
        "\u{2003}em space\u{3000}", "\u{2028}separators\u{2029}", "\u{85}next line\u{85}", " \u{301}accent ",
        "inner  space kept", "\r\n", "\u{0B}\u{0C}vertical tab and form feed\u{0C}",
    ]

    func testTrimmingWhitespaceMatchesFoundation() {
        for text in samples {
            XCTAssertEqual(text.trimmingWhitespace(), text.trimmingCharacters(in: .whitespaces), "'\(text.debugDescription)'")
            XCTAssertEqual(
                text.trimmingWhitespaceAndNewlines(), text.trimmingCharacters(in: .whitespacesAndNewlines),
                "'\(text.debugDescription)'")
        }
    }

    func testTrimmingWorksOnSubstrings() {
        let line = "key:  value \n"
        let value = line[line.index(after: line.firstIndex(of: ":")!)...]
        XCTAssertEqual(value.trimmingWhitespace(), "value \n")
        XCTAssertEqual(value.trimmingWhitespaceAndNewlines(), "value")
    }

    func testReplacingAllMatchesFoundation() {
        let cases: [(String, String, String)] = [
            ("a|b|c", "|", "\\p"), ("back\\slash", "\\", "\\\\"), ("none here", "x", "y"), ("aaaa", "aa", "b"),
            ("say \"hi\"", "\"", "\"\""), ("", "a", "b"), ("ends with-", "-", " "), ("café café", "é", "e"),
        ]
        for (text, target, replacement) in cases {
            XCTAssertEqual(
                text.replacingAll(target, with: replacement),
                text.replacingOccurrences(of: target, with: replacement), "'\(text)'")
        }
        XCTAssertEqual("unchanged".replacingAll("", with: "x"), "unchanged")
    }

    func testReplacingAllFindsLineFeedInCRLF() {
        XCTAssertEqual("one\r\ntwo".replacingAll("\n", with: "\\n"), "one\r\\ntwo")
    }

    func testContainsBytes() {
        XCTAssertTrue("connection closed by remote side".containsBytes(of: "closed by remote side"))
        XCTAssertFalse("closed by remote".containsBytes(of: "closed by remote side"))
        XCTAssertTrue("a..b"[...].containsBytes(of: ".."))
        XCTAssertFalse("a.b.c".containsBytes(of: ".."))
        XCTAssertTrue("anything".containsBytes(of: ""))
    }

    func testPercentDecodingMatchesFoundation() {
        let cases = [
            "plain", "a%20b", "%E2%82%AC", "%e2%82%ac", "100%", "%2", "%zz", "%C3", "%FF%FE", "a+b", "%25%41", "%",
            "%2500", "caf%C3%A9",
        ]
        for text in cases {
            XCTAssertEqual(text.percentDecoded, text.removingPercentEncoding, "'\(text)'")
        }
    }

    /// Foundation decodes `%00` to NUL; the platform refuses it, since libpq would cut the
    /// value there.
    func testPercentDecodingRefusesNUL() {
        for text in ["%00", "handle%00suffix", "%E2%82%AC%00"] {
            XCTAssertNotNil(text.removingPercentEncoding, text)
            XCTAssertNil(text.percentDecoded, text)
        }
        XCTAssertEqual("%2500".percentDecoded, "%00")
        XCTAssertEqual("%01".percentDecoded, "\u{1}")
    }

    func testPercentEncodedQueryValueRoundTrips() {
        for text in ["a&b=c+d", "shop.example.com", "bücher.example", "100% sure", "~_-.", "/?#[]@!$'()*,;"] {
            let encoded = text.percentEncodedQueryValue
            XCTAssertTrue(encoded.utf8.allSatisfy { byte in
                byte == UInt8(ascii: "%") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
                    || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            }, encoded)
            XCTAssertEqual(encoded.percentDecoded, text)
        }
        XCTAssertEqual("a&b=c+d".percentEncodedQueryValue, "a%26b%3Dc%2Bd")
    }

    func testCanonicalCompositionMatchesFoundation() {
        for text in ["bu\u{308}cher", "cafe\u{301}", "ascii-only", "\u{212B}ngstrom", "ma\u{308}\u{301}x", "straße"] {
            XCTAssertEqual(text.canonicallyComposed, text.precomposedStringWithCanonicalMapping, text)
            XCTAssertEqual(
                Array(text.canonicallyComposed.unicodeScalars),
                Array(text.precomposedStringWithCanonicalMapping.unicodeScalars), text)
        }
    }

    func testNumberText() {
        XCTAssertEqual(NumberText.milliseconds(0.012_345_6), "12.346")
        XCTAssertEqual(NumberText.milliseconds(0), "0.000")
        XCTAssertEqual(NumberText.milliseconds(1.5), "1500.000")
        XCTAssertEqual(NumberText.milliseconds(0.000_004), "0.004")
        XCTAssertEqual(NumberText.plain(5), "5")
        XCTAssertEqual(NumberText.plain(0.5), "0.5")
        XCTAssertEqual(NumberText.plain(-2), "-2")
    }
}
