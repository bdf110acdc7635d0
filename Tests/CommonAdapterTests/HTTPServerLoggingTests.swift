import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class HTTPServerLoggingTests: XCTestCase {
    private struct OneTenantDirectory: TenantDirectory {
        let record: TenantRecord

        func tenant(customDomain domain: String) throws -> TenantRecord? { nil }
        func tenant(subdomain: String) throws -> TenantRecord? { subdomain == record.subdomain ? record : nil }
        func tenant(id: UUID) throws -> TenantRecord? { id == record.id ? record : nil }
    }

    private struct RejectingTokens: TokenService {
        func issue(_ principal: Principal) throws -> String { "" }
        func verify(_ token: String) throws -> Principal {
            throw AppError(.unauthorized, code: "auth.token_invalid", detail: "The token is not valid.")
        }
    }

    private let tenant = TenantRecord(
        id: UUID(), name: "Acme", subdomain: "acme", status: .active,
        plan: PlanLimits(code: "basic", maxProducts: nil, maxStaff: nil, maxStorageBytes: nil))

    private func makeServer() throws -> HTTPTestServer {
        let resolver = TenantResolver(
            platformDomain: "shop.test", defaultSubdomain: "demo", directory: OneTenantDirectory(record: tenant))
        return try HTTPTestServer(tenancy: RequestTenancy(resolver: resolver, tokens: RejectingTokens())) { router in
            router.get("/orders/{id}") { _, context in .text(context.requestID) }
            router.get("/shop") { _, context in .text(try context.tenant().name) }
        }
    }

    func testValidRequestIDEchoed() throws {
        let server = try makeServer()
        var headers = HTTPHeaders()
        headers["X-Request-ID"] = "edge-7f3a.B_9"
        let response = try makeTestClient().send(method: .get, url: server.url("/orders/1"), headers: headers)

        XCTAssertEqual(response.headers["X-Request-ID"], "edge-7f3a.B_9")
        XCTAssertEqual(text(response), "edge-7f3a.B_9")
    }

    func testInvalidRequestIDsReplaced() throws {
        let server = try makeServer()
        let client = makeTestClient()
        for invalid in ["has space", "semi;colon", "ünï", String(repeating: "a", count: 129)] {
            var headers = HTTPHeaders()
            headers["X-Request-ID"] = invalid
            let response = try client.send(method: .get, url: server.url("/orders/1"), headers: headers)

            let replaced = try XCTUnwrap(response.headers["X-Request-ID"], invalid)
            XCTAssertNotEqual(replaced, invalid)
            XCTAssertEqual(replaced, replaced.lowercased())
            XCTAssertNotNil(UUID(uuidString: replaced), replaced)
        }
    }

    func testRequestIDOf128CharactersKept() throws {
        let server = try makeServer()
        var headers = HTTPHeaders()
        headers["X-Request-ID"] = String(repeating: "z", count: 128)
        let response = try makeTestClient().send(method: .get, url: server.url("/orders/1"), headers: headers)

        XCTAssertEqual(response.headers["X-Request-ID"], String(repeating: "z", count: 128))
    }

    func testMissingRequestIDGenerated() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .get, url: server.url("/orders/1"))

        let generated = try XCTUnwrap(response.headers["X-Request-ID"])
        XCTAssertNotNil(UUID(uuidString: generated))
        XCTAssertEqual(text(response), generated)
    }

    func testAbortedRequestLogsNoWarning() throws {
        let server = try makeServer()
        do {
            let connection = try RawConnection(port: Int(server.server.port))
            try connection.sendOnly("POST /orders/1 HTTP/1.1\r\nHost: acme.shop.test\r\nContent-Length: 100\r\n\r\nabc")
            Thread.sleep(forTimeInterval: 0.2)
        }
        // The connection is closed now; give the server a moment to notice.
        Thread.sleep(forTimeInterval: 0.3)

        let warnings = server.logs.capturedLines.filter { $0.contains(#""level":"warning""#) }
        XCTAssertEqual(warnings, [], "a client that hangs up mid-request is no server warning")
    }

    func testAccessLineNamesRouteNotPath() throws {
        let server = try makeServer()
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer top-secret-token"
        headers["X-Request-ID"] = "access-line-1"
        _ = try makeTestClient().send(method: .get, url: server.url("/orders/12345"), headers: headers)

        let line = try XCTUnwrap(server.accessRecords.first)
        XCTAssertEqual(line["level"] as? String, "info")
        XCTAssertEqual(line["method"] as? String, "GET")
        XCTAssertEqual(line["route"] as? String, "/orders/{id}")
        XCTAssertEqual(line["status"] as? String, "200")
        XCTAssertEqual(line["request.id"] as? String, "access-line-1")
        XCTAssertNotNil(Double(line["duration_ms"] as? String ?? ""))
        XCTAssertNil(line["tenant.id"])
        XCTAssertFalse(server.logs.capturedLines.joined().contains("top-secret-token"))
        XCTAssertFalse(server.logs.capturedLines.joined().contains("12345"))
    }

    func testAccessLineCarriesResolvedTenant() throws {
        let server = try makeServer()
        var headers = HTTPHeaders()
        headers["X-Tenant-Domain"] = "acme.shop.test"
        let response = try makeTestClient().send(method: .get, url: server.url("/shop"), headers: headers)

        XCTAssertEqual(text(response), "Acme")
        let line = try XCTUnwrap(server.accessRecords.first)
        XCTAssertEqual(line["tenant.id"] as? String, tenant.id.uuidString.lowercased())
        XCTAssertEqual(line["route"] as? String, "/shop")
    }

    func testUnmatchedRequestsShareOneRouteLabel() throws {
        let server = try makeServer()
        let client = makeTestClient()
        _ = try client.send(method: .get, url: server.url("/probe/one"))
        _ = try client.send(method: .get, url: server.url("/probe/two"))

        XCTAssertEqual(server.accessRecords.compactMap { $0["route"] as? String }, ["unmatched", "unmatched"])
        XCTAssertTrue(server.metrics.render().contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 2"#))
    }
}
