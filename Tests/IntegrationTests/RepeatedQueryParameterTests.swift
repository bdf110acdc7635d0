import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// A query parameter sent twice gets one 400 problem naming it, in catalog-svc and order-svc,
/// through Caddy.
final class RepeatedQueryParameterTests: XCTestCase {
    private func assertRejected(
        _ reply: PlatformHarness.Reply, naming names: [String], file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(reply.status, 400, reply.text, file: file, line: line)
        XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json", file: file, line: line)
        XCTAssertEqual(reply.problemCode, "request.duplicate_query_parameter", reply.text, file: file, line: line)
        XCTAssertEqual(reply.fieldNames, names, reply.text, file: file, line: line)
        let detail = reply.json["detail"] as? String ?? ""
        XCTAssertTrue(detail.contains("once"), "the detail does not say to send it once: \(detail)", file: file, line: line)
        for name in names {
            XCTAssertTrue(detail.contains(name), "the detail does not name \(name): \(detail)", file: file, line: line)
        }
    }

    func testProductListRejectsRepeatedParameters() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "query-cat")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Nakshi Kantha"))
        let token = shop.ownerToken

        let single = try platform.send(.get, "/api/v1/products?limit=5&status=active", host: shop.host, token: token)
        XCTAssertEqual(single.status, 200, single.text)
        XCTAssertEqual((single.json["data"] as? [Any])?.count, 1, single.text)

        assertRejected(try platform.send(.get, "/api/v1/products?limit=5&limit=500", host: shop.host), naming: ["limit"])
        assertRejected(
            try platform.send(.get, "/api/v1/products?status=active&status=draft", host: shop.host, token: token),
            naming: ["status"])
        assertRejected(
            try platform.send(.get, "/api/v1/products?sort=title&q=kantha&sort=newest", host: shop.host), naming: ["sort"])
        assertRejected(
            try platform.send(.get, "/api/v1/products?cursor=a&tag=x&cursor=b&tag=x", host: shop.host),
            naming: ["cursor", "tag"])
        // The same value twice, an empty value and an escaped name are repeats too.
        assertRejected(try platform.send(.get, "/api/v1/products?vendor=Aarong&vendor=Aarong", host: shop.host), naming: ["vendor"])
        assertRejected(try platform.send(.get, "/api/v1/products?price_min=&price_min=10", host: shop.host), naming: ["price_min"])
        assertRejected(try platform.send(.get, "/api/v1/products?li%6Dit=5&limit=6", host: shop.host), naming: ["limit"])
    }

    func testCachedProductListRejectsRepeats() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "query-cache")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Shital Pati"))

        // The first request fills the public read cache for limit=5; the repeat must not be served from it.
        XCTAssertEqual(try platform.send(.get, "/api/v1/products?limit=5", host: shop.host).status, 200)
        XCTAssertEqual(try platform.send(.get, "/api/v1/products?limit=5", host: shop.host).status, 200)
        assertRejected(try platform.send(.get, "/api/v1/products?limit=5&limit=5", host: shop.host), naming: ["limit"])
    }

    func testOrderRoutesRejectRepeatedParameters() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "query-ord")
        let token = shop.ownerToken

        let single = try platform.send(.get, "/api/v1/orders?status=paid&limit=5", host: shop.host, token: token)
        XCTAssertEqual(single.status, 200, single.text)

        assertRejected(
            try platform.send(.get, "/api/v1/orders?status=pending_payment&status=paid", host: shop.host, token: token),
            naming: ["status"])
        assertRejected(
            try platform.send(.get, "/api/v1/orders?limit=5&cursor=a&limit=50&cursor=b", host: shop.host, token: token),
            naming: ["limit", "cursor"])
        assertRejected(
            try platform.send(
                .get, "/api/v1/orders?created_from=2026-01-01&created_from=2026-02-01", host: shop.host, token: token),
            naming: ["created_from"])
        assertRejected(
            try platform.send(
                .get, "/api/v1/orders/lookup?number=1001&email=a%40example.com&number=1002", host: shop.host),
            naming: ["number"])
    }

    func testRepeatCheckedBeforeAuthentication() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "query-anon")

        // Without a token the staff listing returns 401 for a well-formed query. A repeated
        // parameter is reported first, because no single value of it can be chosen.
        let anonymous = try platform.send(.get, "/api/v1/orders?status=paid", host: shop.host)
        XCTAssertEqual(anonymous.status, 401, anonymous.text)
        assertRejected(try platform.send(.get, "/api/v1/orders?status=paid&status=paid", host: shop.host), naming: ["status"])
    }

    /// Each bad escape is rejected naming the parameter: one that is not `%` and two hex digits,
    /// one that decodes to bytes that are not UTF-8, and one that decodes to NUL. Nothing is
    /// searched for the raw text or for the part before the NUL.
    func testMalformedEscapesInTheQueryAreRejected() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "query-esc")
        for (query, name) in [
            ("q=%E2%82", "q"), ("q=%zz", "q"), ("limit=5&vendor=ab%2", "vendor"), ("ta%FFg=x", "ta%FFg"), ("q=abc%00def", "q"),
        ] {
            let reply = try platform.send(.get, "/api/v1/products?\(query)", host: shop.host)
            XCTAssertEqual(reply.status, 400, "\(query): \(reply.text)")
            XCTAssertEqual(reply.problemCode, "request.invalid_query_encoding", "\(query): \(reply.text)")
            XCTAssertEqual(reply.fieldNames, [name], "\(query): \(reply.text)")
        }
        let fine = try platform.send(.get, "/api/v1/products?q=%E2%82%AC+100%25", host: shop.host)
        XCTAssertEqual(fine.status, 200, fine.text)
    }

    /// A path parameter with a malformed escape gets 400, and so does one with `%00`, which
    /// would otherwise reach the database cut at the NUL and find the record named by the part
    /// before it.
    func testMalformedEscapeInAPathSegmentIsRejected() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "path-esc")
        let product = try platform.createProduct(
            in: shop, PlatformHarness.productFields(title: "Nakshi Kantha", price: "10.00", stock: 1))
        let handle = try XCTUnwrap(product["handle"] as? String)
        let id = try XCTUnwrap(product["id"] as? String)
        let found = try platform.send(.get, "/api/v1/products/by-handle/\(handle)", host: shop.host)
        XCTAssertEqual(found.status, 200, found.text)
        for segment in ["%E2%82", "\(handle)%00suffix"] {
            let reply = try platform.send(.get, "/api/v1/products/by-handle/\(segment)", host: shop.host)
            XCTAssertEqual(reply.status, 400, "\(segment): \(reply.text)")
            XCTAssertEqual(reply.problemCode, "request.invalid_path_encoding", reply.text)
            XCTAssertEqual(reply.fieldNames, ["handle"], reply.text)
        }
        let byID = try platform.send(.get, "/api/v1/products/\(id)%00zzz", host: shop.host)
        XCTAssertEqual(byID.status, 400, byID.text)
        XCTAssertEqual(byID.problemCode, "request.invalid_path_encoding", byID.text)
    }
}
