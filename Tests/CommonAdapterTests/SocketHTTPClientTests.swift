@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// `SocketHTTPClient` against the project's own libmicrohttpd server on loopback.
final class SocketHTTPClientTests: XCTestCase {
    private func makeClient(timeoutSeconds: Double = 5) -> SocketHTTPClient {
        SocketHTTPClient(timeoutSeconds: timeoutSeconds, logger: Logger(label: "socket-client-test", sink: .memory()))
    }

    private func openedConnections(_ server: HTTPTestServer) -> Int {
        let line = server.metrics.render().split(separator: "\n").first { $0.hasPrefix("http_connections_total ") }
        return line.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
    }

    func testGetReturnsStatusHeadersAndBody() throws {
        let upstream = try makeEchoUpstream()
        let response = try makeClient().send(method: .get, url: upstream.url("/echo?q=tea%20cup#ignored"))

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["x-upstream"], "one")
        XCTAssertEqual(response.headers["Content-Type"], "application/json")
        let echoed = try jsonObject(response)
        XCTAssertEqual(echoed["method"] as? String, "GET")
        XCTAssertEqual(echoed["query"] as? String, "tea cup")
        XCTAssertEqual(echoed["host"] as? String, "127.0.0.1:\(upstream.server.port)")
        XCTAssertTrue(echoed["content_length"] is NSNull, "a GET without body sent Content-Length: \(echoed)")
    }

    func testPostSendsJSONBody() throws {
        let upstream = try makeEchoUpstream()
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/json"
        let body = Array("{\"order_id\":\"a1\",\"lines\":[1,2]}".utf8)
        let response = try makeClient().send(method: .post, url: upstream.url("/echo"), headers: headers, body: body)

        let echoed = try jsonObject(response)
        XCTAssertEqual(echoed["method"] as? String, "POST")
        XCTAssertEqual(echoed["body"] as? String, "{\"order_id\":\"a1\",\"lines\":[1,2]}")
        XCTAssertEqual(echoed["content_type"] as? String, "application/json")
        XCTAssertEqual(echoed["content_length"] as? String, String(body.count))
    }

    func testPutWithEmptyBodySendsZeroLength() throws {
        let upstream = try makeEchoUpstream()
        let response = try makeClient().send(method: .put, url: upstream.url("/echo"))

        let echoed = try jsonObject(response)
        XCTAssertEqual(echoed["method"] as? String, "PUT")
        XCTAssertEqual(echoed["body"] as? String, "")
        XCTAssertEqual(echoed["content_length"] as? String, "0")
    }

    func testMethodsAndBodiesArriveAsSent() throws {
        try checkMethodsAndBodiesArriveAsSent(makeClient(), upstream: try makeEchoUpstream())
    }

    func testRequestHeadersSentWithoutAdditions() throws {
        try checkRequestHeadersSentWithoutAdditions(makeClient(), upstream: try makeEchoUpstream())
    }

    func testHeadReadsNoBodyAndKeepsConnection() throws {
        let upstream = try makeEchoUpstream()
        let client = makeClient()

        let head = try client.send(method: .head, url: upstream.url("/ping/1"))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["Content-Length"], "6")
        XCTAssertEqual(head.body, [])
        // A client that waited for the 6 announced bytes would misread this response.
        XCTAssertEqual(text(try client.send(method: .get, url: upstream.url("/ping/2"))), "pong 2")
        XCTAssertEqual(openedConnections(upstream), 1)
    }

    func testNotFoundProblemReturned() throws {
        let upstream = try makeEchoUpstream()
        let missing = try makeClient().send(method: .get, url: upstream.url("/missing-item"))

        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(try jsonObject(missing)["code"] as? String, "item.not_found")
    }

    func testSequentialRequestsShareOneConnection() throws {
        let upstream = try makeEchoUpstream()
        let client = makeClient()

        for number in 1...10 {
            XCTAssertEqual(text(try client.send(method: .get, url: upstream.url("/ping/\(number)"))), "pong \(number)")
        }
        XCTAssertEqual(openedConnections(upstream), 1)
    }

    func testThreadsShareOneClient() throws {
        let upstream = try makeEchoUpstream()
        let client = makeClient()
        let threads = 8
        let requestsPerThread = 25
        let failures = Mutex<[String]>([])
        let baseURL = upstream.url("")

        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for number in 0..<requestsPerThread {
                let path = "/ping/\(thread)-\(number)"
                do {
                    let reply = text(try client.send(method: .get, url: baseURL + path))
                    if reply != "pong \(thread)-\(number)" { failures.withLock { $0.append("\(path): \(reply)") } }
                } catch {
                    failures.withLock { $0.append("\(path): \(error)") }
                }
            }
        }

        XCTAssertEqual(failures.withLock { $0 }, [])
        // Each thread uses one connection at a time and returns it to the pool before its next request.
        XCTAssertLessThanOrEqual(openedConnections(upstream), threads)
        XCTAssertLessThanOrEqual(client.idleConnectionCount, threads)
    }

    func testLocalhostNameResolves() throws {
        let upstream = try makeEchoUpstream()
        let response = try makeClient().send(method: .get, url: "http://localhost:\(upstream.server.port)/ping/7")

        XCTAssertEqual(text(response), "pong 7")
    }

    func testRefusedConnectionIsUnreachable() throws {
        let port = try closedLoopbackPort()
        let request = { try self.makeClient().send(method: .post, url: "http://127.0.0.1:\(port)/x", body: Array("card 4242".utf8)) }

        XCTAssertThrowsError(try request()) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.kind, .unavailable)
            XCTAssertEqual(appError?.code, "upstream.unreachable")
            XCTAssertEqual(appError?.detail, "Could not reach 127.0.0.1: could not connect (Connection refused).")
            XCTAssertFalse("\(error)".contains("4242"))
        }
    }

    func testFailureLoggedWithoutBody() throws {
        let port = try closedLoopbackPort()
        let logs = LogSink.memory()
        let client = SocketHTTPClient(timeoutSeconds: 5, logger: Logger(label: "socket-client-test", sink: logs))

        XCTAssertThrowsError(try client.send(method: .post, url: "http://127.0.0.1:\(port)/pay", body: Array("card secret".utf8)))
        let lines = logs.capturedLines
        XCTAssertEqual(lines.count, 1, "\(lines)")
        let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(record["message"] as? String, "upstream request failed")
        XCTAssertEqual(record["level"] as? String, "warning")
        XCTAssertEqual(record["method"] as? String, "POST")
        XCTAssertEqual(record["host"] as? String, "127.0.0.1")
        XCTAssertEqual(record["upstream"] as? String, "127.0.0.1:\(port)")
        XCTAssertFalse(lines[0].contains("secret"), lines[0])
    }

    func testNonHTTPURLsRejected() throws {
        for url in ["https://127.0.0.1:1/x", "file:///etc/hostname", "http://user@127.0.0.1/", "http://127.0.0.1/a b"] {
            XCTAssertThrowsError(try makeClient().send(method: .get, url: url), url) { error in
                XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable", url)
                XCTAssertTrue((error as? AppError)?.detail.hasSuffix("the URL is not a valid http:// URL.") ?? false, "\(error)")
            }
        }
    }

    func testInvalidMethodRejected() throws {
        XCTAssertThrowsError(try makeClient().send(method: HTTPMethod(rawValue: "GET /x"), url: "http://127.0.0.1:1/")) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.invalid_method")
        }
    }
}
