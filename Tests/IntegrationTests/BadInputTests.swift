import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Bad input gets a 4xx problem naming the field, never a 5xx, and changes nothing.
final class BadInputTests: XCTestCase {
    private func tenantCount(_ platform: PlatformHarness) throws -> Int {
        let pool = PostgresPool(url: try platform.variable("COMMERCE_TEST_OWNER_DATABASE_URL"), size: 1, logger: Logger(label: "test", level: .error))
        defer { pool.close() }
        return try pool.withTransaction { try $0.query("SELECT count(*) AS tenants FROM tenant.tenants")[0].int("tenants") }
    }

    private func post(_ platform: PlatformHarness, _ body: String, token: String) throws -> PlatformHarness.Reply {
        try platform.send(.post, "/api/v1/admin/tenants", host: platform.adminHost, token: token, body: Array(body.utf8))
    }

    func testBadTenantBodiesAreRejectedByName() throws {
        let platform = try PlatformHarness.load()
        let token = try platform.adminToken()
        let before = try tenantCount(platform)
        let cases: [(body: String, code: String?, fields: [String])] = [
            (#"{"name": "A", "subdomain": "#, "request.malformed_json", []),
            (#"["not", "an", "object"]"#, "request.not_an_object", []),
            (#"{"name": 42, "subdomain": true, "plan": "starter", "admin_email": "a@b.example"}"#, nil, ["name", "subdomain"]),
            (#"{"subdomain": "okay-shop"}"#, nil, ["admin_email", "name", "plan"]),
            (#"{"name": "A", "subdomain": "okay-shop", "plan": "starter", "admin_email": "a@b.example", "color": "red"}"#, nil, ["color"]),
            (#"{"name": "A", "subdomain": "Bad_Label!", "plan": "starter", "admin_email": "a@b.example"}"#, nil, ["subdomain"]),
            (#"{"name": "A", "subdomain": "admin", "plan": "starter", "admin_email": "a@b.example"}"#, nil, ["subdomain"]),
            (#"{"name": "A", "subdomain": "okay-shop", "plan": "platinum", "admin_email": "nope"}"#, nil, ["admin_email", "plan"]),
            (#"{"name": "A", "subdomain": "okay-shop", "plan": "starter", "admin_email": "a@b.example", "time_zone": "Mars/Base"}"#, nil, ["time_zone"]),
            (#"{"name": "A", "subdomain": "okay-shop", "subdomain": "other-shop", "plan": "starter", "admin_email": "a@b.example"}"#, "request.invalid_fields", ["subdomain"]),
            (#"{"name": "A", "subdomain": "okay-shop", "plan": "starter", "admin_email": "a@b.example"} trailing"#, "request.malformed_json", []),
        ]
        for item in cases {
            let reply = try post(platform, item.body, token: token)
            XCTAssertEqual(reply.status, 422, "\(item.body) -> \(reply.text)")
            XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json")
            if let code = item.code { XCTAssertEqual(reply.problemCode, code, item.body) }
            XCTAssertEqual(Set(reply.fieldNames), Set(item.fields), item.body)
        }
        XCTAssertEqual(try tenantCount(platform), before, "no rejected request created a tenant")
    }

    func testOversizedBodyIs413() throws {
        let platform = try PlatformHarness.load()
        let token = try platform.adminToken()
        let before = try tenantCount(platform)
        let padding = String(repeating: "x", count: 2 << 20)
        let reply = try post(platform, #"{"name": "\#(padding)", "subdomain": "big-shop", "plan": "starter", "admin_email": "a@b.example"}"#, token: token)
        XCTAssertEqual(reply.status, 413, reply.text)
        XCTAssertEqual(reply.problemCode, "request.body_too_large")
        XCTAssertEqual(try tenantCount(platform), before)
    }

    func testDuplicateSubdomainIsConflict() throws {
        let platform = try PlatformHarness.load()
        let reply = try post(platform, #"{"name": "Again", "subdomain": "demo", "plan": "starter", "admin_email": "a@b.example"}"#, token: try platform.adminToken())
        XCTAssertEqual(reply.status, 409)
        XCTAssertEqual(reply.problemCode, "tenant.subdomain_taken")
        XCTAssertEqual(reply.fieldNames, ["subdomain"])
    }

    func testBadLoginAndDomainInputs() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "bad-input")
        let login = try platform.send(.post, "/api/v1/auth/login", host: shop.host, body: Array(#"{"email": 7}"#.utf8))
        XCTAssertEqual(login.status, 422)
        XCTAssertEqual(Set(login.fieldNames), ["email", "password"])

        for hostname in ["not a domain", "10.1.2.3", platform.host("other")] {
            let reply = try platform.send(.post, "/api/v1/domains", host: shop.host, token: shop.ownerToken, json: ["hostname": hostname])
            XCTAssertEqual(reply.status, 422, "\(hostname) -> \(reply.text)")
            XCTAssertEqual(reply.fieldNames, ["hostname"])
        }
        let badID = try platform.send(.post, "/api/v1/domains/not-a-uuid/verify", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(badID.status, 404)
        let badCursor = try platform.send(.get, "/api/v1/admin/tenants?cursor=%21%21%21&limit=0", host: platform.adminHost, token: try platform.adminToken())
        XCTAssertEqual(badCursor.status, 422)
        XCTAssertEqual(Set(badCursor.fieldNames), ["cursor", "limit"])
        // `%%%` is no percent escape at all, so the query string itself is rejected first.
        let badEscape = try platform.send(.get, "/api/v1/admin/tenants?cursor=%%%&limit=0", host: platform.adminHost, token: try platform.adminToken())
        XCTAssertEqual(badEscape.status, 400, badEscape.text)
        XCTAssertEqual(badEscape.problemCode, "request.invalid_query_encoding")
        XCTAssertEqual(badEscape.fieldNames, ["cursor"])
    }

    func testWrongMethodIs405WithAllow() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.delete, "/api/v1/plans", host: platform.host("demo"))
        XCTAssertEqual(reply.status, 405)
        XCTAssertEqual(reply.headers["Allow"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }, ["GET", "HEAD"])
    }
}
