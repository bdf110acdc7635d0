@testable import CommonKernel
import Foundation
import XCTest

/// The shortcuts for plain host names and strings without escapes, checked against the full
/// Foundation-based conversions they skip.
final class PlainNameTests: XCTestCase {
    func testPlainHostMatchesFullNormalization() {
        let names = [
            "shop.localhost", "shop.localhost.", "localhost", "a..b", ".", "", "..", "-shop.example", "shop-.example",
            "xn--bcher-kva.example", "a1-b2.c3", String(repeating: "a", count: 63) + ".example",
            String(repeating: "a", count: 64) + ".example", String(repeating: "a.", count: 126) + "a",
            String(repeating: "a.", count: 127) + "a", "Shop.Localhost", "shop.localhost:8080", " shop.localhost",
        ]
        for name in names {
            XCTAssertEqual(HostName.normalize(name), HostName.normalizeFully(name), "'\(name)'")
        }
        XCTAssertEqual(HostName.normalize("shop.localhost."), "shop.localhost")
        XCTAssertNil(HostName.normalize("a..b"))
    }

    func testPercentDecodedMatchesFoundation() {
        let texts = ["plain", "", "a%20b", "%", "%2", "%zz", "%C3%A9", "%FF", "caf%C3%A9%2Fbar", "100%", "a+b"]
        for text in texts {
            XCTAssertEqual(text.percentDecoded, text.removingPercentEncoding, "'\(text)'")
        }
        XCTAssertEqual("plain".percentDecoded, "plain")
        XCTAssertNil("%zz".percentDecoded)
    }
}
