import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class HTTPClientTests: XCTestCase {
    func testMethodsAndBodiesArriveAsSent() throws {
        try checkMethodsAndBodiesArriveAsSent(makeTestClient(), upstream: try makeEchoUpstream())
    }

    func testRequestHeadersSentWithoutAdditions() throws {
        try checkRequestHeadersSentWithoutAdditions(makeTestClient(), upstream: try makeEchoUpstream())
    }

    func testResponseHeadersAndStatusReturned() throws {
        let upstream = try makeEchoUpstream()
        let client = makeTestClient()
        let ok = try client.send(method: .get, url: upstream.url("/echo"))

        XCTAssertEqual(ok.status, 200)
        XCTAssertEqual(ok.headers["x-upstream"], "one")
        XCTAssertEqual(ok.headers["X-Upstream-Note"], "a: b")
        XCTAssertEqual(ok.headers["Content-Type"], "application/json")

        let missing = try client.send(method: .get, url: upstream.url("/missing-item"))
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(try jsonObject(missing)["code"] as? String, "item.not_found")
    }

    func testRefusedConnectionIsUnreachable() throws {
        let port = try closedLoopbackPort()
        XCTAssertThrowsError(try makeTestClient().send(method: .post, url: "http://127.0.0.1:\(port)/x", body: Array("card 4242".utf8))) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.kind, .unavailable)
            XCTAssertEqual(appError?.code, "upstream.unreachable")
            XCTAssertTrue(appError?.detail.contains("127.0.0.1") ?? false, "\(error)")
            XCTAssertFalse("\(error)".contains("4242"))
        }
    }

    func testSlowUpstreamTimesOut() throws {
        let upstream = try makeEchoUpstream()
        // `/slow` does respond, after 1 s, so only the 0.2 s timeout can make this call fail.
        XCTAssertThrowsError(try makeTestClient(timeoutSeconds: 0.2).send(method: .get, url: upstream.url("/slow"))) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable")
            XCTAssertEqual((error as? AppError)?.upstreamReason, "Timeout was reached", "\(error)")
        }
    }

    func testHeaderWithLineBreakRejected() throws {
        let upstream = try makeEchoUpstream()
        var headers = HTTPHeaders()
        headers["X-Trace"] = "abc\r\nX-Admin: yes"
        XCTAssertThrowsError(try makeTestClient().send(method: .get, url: upstream.url("/echo"), headers: headers)) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.invalid_header")
        }
    }

    func testNonHTTPSchemeRejected() throws {
        XCTAssertThrowsError(try makeTestClient().send(method: .get, url: "file:///etc/hostname")) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable")
        }
    }
}
