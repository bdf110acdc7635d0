import Foundation
import XCTest

/// Query strings with empty segments (`&&`) or segments without a name (`=value`), sent through Caddy.
final class EmptyQuerySegmentTests: XCTestCase {
    func testProductListIgnoresEmptySegments() throws {
        let platform = try PlatformHarness.load()
        let host = platform.host("demo")
        let queries = ["limit=5&&sort=newest", "&&&", "&limit=5", "limit=5&=value", "=&limit=5&"]
        for query in queries {
            let reply = try platform.send(.get, "/api/v1/products?\(query)", host: host)
            XCTAssertEqual(reply.status, 200, "?\(query) -> \(reply.text)")
            XCTAssertNotNil(reply.json["data"] as? [Any], "?\(query) -> \(reply.text)")
        }

        let limited = try platform.send(.get, "/api/v1/products?limit=1&&sort=newest", host: host)
        XCTAssertEqual((limited.json["data"] as? [Any])?.count, 1, limited.text)
    }

    func testTenantListIgnoresEmptySegments() throws {
        let platform = try PlatformHarness.load()
        let token = try platform.adminToken()
        for query in ["&&limit=1", "limit=1&&&", "=value&limit=1"] {
            let reply = try platform.send(.get, "/api/v1/admin/tenants?\(query)", host: platform.adminHost, token: token)
            XCTAssertEqual(reply.status, 200, "?\(query) -> \(reply.text)")
            XCTAssertEqual((reply.json["data"] as? [Any])?.count, 1, "?\(query) -> \(reply.text)")
        }
    }

    func testRepeatsAcrossEmptySegmentsStill400() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.get, "/api/v1/products?limit=5&&limit=6", host: platform.host("demo"))
        XCTAssertEqual(reply.status, 400, reply.text)
        XCTAssertEqual(reply.problemCode, "request.duplicate_query_parameter")
        XCTAssertEqual(reply.fieldNames, ["limit"])
    }
}
