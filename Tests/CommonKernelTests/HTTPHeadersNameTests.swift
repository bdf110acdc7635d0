@testable import CommonKernel
import XCTest

/// Case-insensitive header names, compared without allocating.
final class HTTPHeadersNameTests: XCTestCase {
    func testLookupIgnoresASCIICase() {
        let headers = HTTPHeaders([("X-Tenant-Domain", "shop.localhost"), ("content-type", "application/json")])
        XCTAssertEqual(headers["x-tenant-domain"], "shop.localhost")
        XCTAssertEqual(headers["X-TENANT-DOMAIN"], "shop.localhost")
        XCTAssertEqual(headers["Content-Type"], "application/json")
        XCTAssertNil(headers["X-Tenant-Domai"])
        XCTAssertNil(headers["X-Tenant-Domains"])
    }

    func testFirstValueWinsAndRemoveDropsAll() {
        var headers = HTTPHeaders([("Accept", "a"), ("ACCEPT", "b"), ("Host", "h")])
        XCTAssertEqual(headers["accept"], "a")
        headers.remove("aCCept")
        XCTAssertNil(headers["Accept"])
        XCTAssertEqual(headers["host"], "h")
        headers["HOST"] = "other"
        XCTAssertEqual(headers["Host"], "other")
        XCTAssertEqual(Array(headers).count, 1)
    }

    func testNameComparisonTable() {
        let cases: [(String, String, Bool)] = [
            ("", "", true), ("a", "A", true), ("Z", "z", true), ("@", "`", false), ("[", "{", false),
            ("X-Id", "x-id", true), ("X-Id", "X-Ie", false), ("é", "é", true), ("É", "é", false),
        ]
        for (left, right, expected) in cases {
            XCTAssertEqual(HTTPHeaders.isSameName(left, right), expected, "'\(left)' and '\(right)'")
        }
    }
}
