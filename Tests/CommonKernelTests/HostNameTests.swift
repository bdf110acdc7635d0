import CommonKernel
import XCTest

final class HostNameTests: XCTestCase {
    func testNormalizationStripsPortDotAndCase() {
        XCTAssertEqual(HostName.normalize("Demo.LocalHost:8080"), "demo.localhost")
        XCTAssertEqual(HostName.normalize("shop.example.com."), "shop.example.com")
    }

    func testIDNLabelsBecomePunycode() {
        XCTAssertEqual(HostName.normalize("bücher.example"), "xn--bcher-kva.example")
        XCTAssertEqual(HostName.normalize("MÜNCHEN.de"), "xn--mnchen-3ya.de")
        XCTAssertEqual(HostName.normalize("例え.jp"), "xn--r8jz45g.jp")
    }

    func testInvalidHostsAreRejected() {
        XCTAssertNil(HostName.normalize(""))
        XCTAssertNil(HostName.normalize("bad_host.com"))
        XCTAssertNil(HostName.normalize("-lead.com"))
        XCTAssertNil(HostName.normalize("a..b"))
        XCTAssertNil(HostName.normalize("host:port"))
        XCTAssertNil(HostName.normalize("[::1]:80"))
    }

    func testCursorRoundTripsSeparators() throws {
        let fields = ["2026-01-01T00:00:00.000Z", "a|b\\c"]
        let page = try PageRequest(query: ["cursor": PageRequest.encode(fields), "limit": "5"], fieldCount: 2)
        XCTAssertEqual(page.after, fields)
        XCTAssertEqual(page.limit, 5)
    }

    func testBadPageParametersAreNamed() {
        XCTAssertThrowsError(try PageRequest(query: ["limit": "1000", "cursor": "!!"], fieldCount: 2)) { error in
            XCTAssertEqual((error as? AppError)?.fieldErrors.map(\.field).sorted(), ["cursor", "limit"])
        }
    }
}

final class RFC3339Tests: XCTestCase {
    func testFormatsUTCWithMilliseconds() {
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: 1_796_399_443.1234)), "2026-12-04T15:50:43.123Z")
    }

    func testParsesWhatItFormats() {
        let date = Date(timeIntervalSince1970: 1_796_399_443.5)
        XCTAssertEqual(RFC3339.date(from: RFC3339.string(from: date)), date)
    }

    func testIdeographicAndFullWidthStopsSeparateLabels() {
        XCTAssertEqual(HostName.normalize("foo\u{3002}bar.example"), "foo.bar.example")
        XCTAssertEqual(HostName.normalize("shop\u{FF0E}example\u{FF61}com"), "shop.example.com")
        XCTAssertEqual(HostName.normalize("b\u{00FC}cher\u{3002}example"), "xn--bcher-kva.example")
    }
}
