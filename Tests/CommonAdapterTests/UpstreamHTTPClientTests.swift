@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// `UpstreamHTTPClient` sends `http://` URLs over sockets and leaves every other URL to libcurl.
final class UpstreamHTTPClientTests: XCTestCase {
    private func makeClient() -> UpstreamHTTPClient {
        UpstreamHTTPClient(timeoutSeconds: 5, logger: Logger(label: "upstream-client-test", sink: .memory()))
    }

    func testPlainHTTPSentOverSockets() throws {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest, .send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")]])
        let client = makeClient()

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/health")), "ok")
        XCTAssertEqual(text(try client.send(method: .get, url: server.url.uppercased() + "/health")), "ok")
        XCTAssertFalse(client.hasCreatedCurlClient, "an http:// request set up libcurl")
        // The socket client's request head has no `Accept` header; libcurl would add `Accept: */*`.
        XCTAssertFalse(server.snapshot.requests[0].contains("Accept"), server.snapshot.requests[0])
    }

    func testHTTPSSentThroughCurl() throws {
        let port = try closedLoopbackPort()
        let client = makeClient()

        XCTAssertThrowsError(try client.send(method: .get, url: "https://127.0.0.1:\(port)/pay")) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.code, "upstream.unreachable")
            // libcurl's own wording for a refused connection, not the socket client's.
            XCTAssertEqual(appError?.detail, "Could not reach 127.0.0.1: Couldn't connect to server.")
        }
        XCTAssertTrue(client.hasCreatedCurlClient)
    }

    func testOtherSchemesLeftToCurl() throws {
        let client = makeClient()

        XCTAssertThrowsError(try client.send(method: .get, url: "file:///etc/hostname")) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable")
        }
        XCTAssertTrue(client.hasCreatedCurlClient)
    }
}
