import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// `HTTPTenantDirectory` turns tenant-svc's failures into the resolver's own problem, whose detail
/// any shop visitor may see.
final class HTTPTenantDirectoryTests: XCTestCase {
    func testUnreachableServiceHidesAddress() throws {
        let port = try closedLoopbackPort()
        let client = UpstreamHTTPClient(timeoutSeconds: 2, logger: Logger(label: "directory-test", sink: .memory()))
        let directory = HTTPTenantDirectory(baseURL: "http://127.0.0.1:\(port)", client: client)

        XCTAssertThrowsError(try directory.tenant(subdomain: "demo")) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.code, "tenant.lookup_failed")
            XCTAssertEqual(appError?.kind, .unavailable)
            XCTAssertFalse(appError?.detail.contains("127.0.0.1") ?? true, appError?.detail ?? "no detail")
        }
    }

    func testErrorStatusIsLookupFailure() throws {
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")],
        ])
        let client = UpstreamHTTPClient(timeoutSeconds: 2, logger: Logger(label: "directory-test", sink: .memory()))
        let directory = HTTPTenantDirectory(baseURL: server.url, client: client)

        XCTAssertThrowsError(try directory.tenant(subdomain: "demo")) { error in
            XCTAssertEqual((error as? AppError)?.code, "tenant.lookup_failed")
        }
        XCTAssertTrue(server.snapshot.requests[0].hasPrefix("GET /internal/tenants/resolve?subdomain=demo "))
    }
}
