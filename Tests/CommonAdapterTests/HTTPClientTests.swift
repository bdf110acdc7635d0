import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class HTTPClientTests: XCTestCase {
    /// An upstream that echoes what it received: the method, selected headers and the body.
    private func makeUpstream() throws -> HTTPTestServer {
        try HTTPTestServer { router in
            let echo: RouteHandler = { request, _ in
                let header = { (name: String) -> JSONValue in request.headers[name].map(JSONValue.string) ?? .null }
                let answer = JSONValue.object([
                    "method": .string(request.method.rawValue),
                    "body": .string(String(decoding: request.body, as: UTF8.self)),
                    "content_type": header("Content-Type"), "expect": header("Expect"),
                    "x_trace": header("X-Trace"), "x_empty": header("X-Empty"),
                ])
                var response = HTTPResponse(status: 200, contentType: "application/json", body: Array(answer.serialized().utf8))
                response.headers.add("X-Upstream", "one")
                response.headers.add("X-Upstream-Note", "a: b")
                return response
            }
            for method in [HTTPMethod.get, .post, .put, .patch, .delete, .options] { router.add(method, "/echo", echo) }
            router.get("/missing-item") { _, _ in throw AppError.notFound("Item", code: "item.not_found") }
            router.get("/slow") { _, _ in
                usleep(1_000_000)
                return .text("late")
            }
        }
    }

    func testMethodsAndBodiesArriveAsSent() throws {
        let upstream = try makeUpstream()
        let client = makeTestClient()
        let cases: [(HTTPMethod, String)] = [
            (.get, ""), (.post, "{\"a\":1}"), (.put, "put body"), (.patch, ""), (.delete, ""), (.delete, "gone"), (.options, ""),
        ]

        for (method, body) in cases {
            let response = try client.send(method: method, url: upstream.url("/echo"), body: Array(body.utf8))
            let echoed = try jsonObject(response)
            XCTAssertEqual(echoed["method"] as? String, method.rawValue, "\(method) \(body)")
            XCTAssertEqual(echoed["body"] as? String, body, "\(method) \(body)")
        }
    }

    func testRequestHeadersSentWithoutAdditions() throws {
        let upstream = try makeUpstream()
        var headers = HTTPHeaders()
        headers["X-Trace"] = "abc"
        headers["X-Empty"] = ""
        let response = try makeTestClient().send(method: .post, url: upstream.url("/echo"), headers: headers, body: Array("x".utf8))

        let echoed = try jsonObject(response)
        XCTAssertEqual(echoed["x_trace"] as? String, "abc")
        XCTAssertEqual(echoed["x_empty"] as? String, "")
        XCTAssertTrue(echoed["content_type"] is NSNull, "\(echoed)")
        XCTAssertTrue(echoed["expect"] is NSNull, "\(echoed)")
    }

    func testResponseHeadersAndStatusReturned() throws {
        let upstream = try makeUpstream()
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
        let port = try Self.closedPort()
        XCTAssertThrowsError(try makeTestClient().send(method: .post, url: "http://127.0.0.1:\(port)/x", body: Array("card 4242".utf8))) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.kind, .unavailable)
            XCTAssertEqual(appError?.code, "upstream.unreachable")
            XCTAssertTrue(appError?.detail.contains("127.0.0.1") ?? false, "\(error)")
            XCTAssertFalse("\(error)".contains("4242"))
        }
    }

    func testSlowUpstreamTimesOut() throws {
        let upstream = try makeUpstream()
        let started = ContinuousClock.now
        XCTAssertThrowsError(try makeTestClient(timeoutSeconds: 0.2).send(method: .get, url: upstream.url("/slow"))) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable")
        }
        XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(900))
    }

    func testHeaderWithLineBreakRejected() throws {
        let upstream = try makeUpstream()
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

    /// Returns a loopback port that nothing listens on, found by binding a socket and closing it.
    private static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
