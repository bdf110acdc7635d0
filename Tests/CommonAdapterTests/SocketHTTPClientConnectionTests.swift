@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// How `SocketHTTPClient` opens, reuses, retries and gives up on connections, against a
/// scripted loopback server that counts what it accepts and receives.
final class SocketHTTPClientConnectionTests: XCTestCase {
    private let keptAlive = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
    private let second = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond"

    private func makeClient(timeoutSeconds: Double = 5, logs: LogSink = .memory()) -> SocketHTTPClient {
        SocketHTTPClient(timeoutSeconds: timeoutSeconds, logger: Logger(label: "socket-client-test", level: .debug, sink: logs))
    }

    /// Counts the requests that `logs` records as sent again after a reused connection failed.
    private func retries(_ logs: LogSink) -> Int {
        logs.capturedLines.filter { $0.contains("upstream closed an idle connection") }.count
    }

    func testKeepAliveConnectionReused() throws {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest, .send(keptAlive), .receiveRequest, .send(second)]])
        let client = makeClient()

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/1")), "first")
        XCTAssertEqual(client.idleConnectionCount, 1)
        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/2")), "second")
        XCTAssertEqual(server.snapshot.acceptedConnections, 1)
    }

    func testConnectionCloseResponseNotPooled() throws {
        // The first connection stays open on the server's side, so only the client's choice
        // keeps the second request off it.
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nfirst"), .waitForClientClose],
            [.receiveRequest, .send(second)],
        ])
        let client = makeClient()

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/1")), "first")
        XCTAssertEqual(client.idleConnectionCount, 0)
        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/2")), "second")
        XCTAssertEqual(server.snapshot.acceptedConnections, 2)
    }

    func testHTTP10ResponseNotPooled() throws {
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nfirst"), .waitForClientClose],
            [.receiveRequest, .send(second)],
        ])
        let client = makeClient()

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/1")), "first")
        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/2")), "second")
        XCTAssertEqual(server.snapshot.acceptedConnections, 2)
    }

    func testRequestAskingToCloseNotPooled() throws {
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send(keptAlive), .waitForClientClose],
            [.receiveRequest, .send(second)],
        ])
        let client = makeClient()
        var headers = HTTPHeaders()
        headers["Connection"] = "close"

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/1", headers: headers)), "first")
        XCTAssertEqual(client.idleConnectionCount, 0)
        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/2")), "second")
        XCTAssertEqual(server.snapshot.acceptedConnections, 2)
        XCTAssertTrue(server.snapshot.requests[0].contains("\r\nConnection: close\r\n"), server.snapshot.requests[0])
    }

    func testIdleConnectionClosedByServerReplaced() throws {
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send(keptAlive)],
            [.receiveRequest, .send(second)],
        ])
        let logs = LogSink.memory()
        let client = makeClient(logs: logs)

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/1")), "first")
        XCTAssertTrue(server.waitForClosedConnections(1), "the server did not close the first connection")
        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/2")), "second")
        XCTAssertEqual(server.snapshot.acceptedConnections, 2)
        XCTAssertEqual(server.snapshot.requests.count, 2)
        // The check before reuse found the connection closed, so nothing was sent on it.
        XCTAssertEqual(retries(logs), 0, "\(logs.capturedLines)")
    }

    func testReusedConnectionClosedWithoutResponseRetried() throws {
        // The server reads the second request on the first connection and closes it unanswered,
        // as a server does whose idle timeout ends while the request travels.
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send(keptAlive), .receiveRequest],
            [.receiveRequest, .send(second)],
        ])
        let logs = LogSink.memory()
        let client = makeClient(logs: logs)
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/json"

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/1")), "first")
        let response = try client.send(method: .post, url: server.url + "/2", headers: headers, body: Array("{\"n\":2}".utf8))
        XCTAssertEqual(text(response), "second")
        XCTAssertEqual(retries(logs), 1, "\(logs.capturedLines)")
        XCTAssertEqual(server.snapshot.acceptedConnections, 2)
        let requests = server.snapshot.requests
        XCTAssertEqual(requests.count, 3)
        XCTAssertTrue(requests[1].hasPrefix("POST /2 HTTP/1.1\r\n"), "\(requests)")
        XCTAssertEqual(requests[1], requests[2], "the retry sent a different request")
    }

    func testFreshConnectionClosedWithoutResponseFails() throws {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest]])

        XCTAssertThrowsError(try makeClient().send(method: .get, url: server.url + "/x")) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable")
            XCTAssertEqual(
                (error as? AppError)?.detail, "Could not reach 127.0.0.1: the connection closed before the response was complete.")
        }
        XCTAssertEqual(server.snapshot.acceptedConnections, 1)
    }

    func testReusedConnectionFailingAfterResponseStartedNotRetried() throws {
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send(keptAlive), .receiveRequest, .send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\npart")],
            [.receiveRequest, .send(second)],
        ])
        let client = makeClient()

        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/1")), "first")
        XCTAssertThrowsError(try client.send(method: .get, url: server.url + "/2")) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.unreachable")
        }
        XCTAssertEqual(server.snapshot.acceptedConnections, 1)
    }

    func testSilentServerTimesOut() throws {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest, .waitForClientClose]])
        let logs = LogSink.memory()
        let client = SocketHTTPClient(timeoutSeconds: 0.3, logger: Logger(label: "socket-client-test", sink: logs))

        XCTAssertThrowsError(try client.send(method: .get, url: server.url + "/wait")) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.kind, .unavailable)
            XCTAssertEqual(appError?.code, "upstream.unreachable")
            XCTAssertEqual(appError?.detail, "Could not reach 127.0.0.1: no complete response within 300 ms.")
        }
        let failure = logs.capturedLines.first { $0.contains("upstream request failed") }
        XCTAssertNotNil(failure, "\(logs.capturedLines)")
        XCTAssertTrue(failure?.contains("\"host\":\"127.0.0.1\"") ?? false, failure ?? "")
        XCTAssertTrue(server.waitForClosedConnections(1), "the client kept the timed-out connection open")
    }

    func testHeaderWithLineBreakRejectedBeforeSending() throws {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest, .send(keptAlive)]])
        let client = makeClient()

        for (name, value) in [("X-Trace", "abc\r\nX-Admin: yes"), ("X-Trace", "abc\nX-Admin: yes"), ("X-Bad\r\nX-Admin", "yes")] {
            var headers = HTTPHeaders()
            headers[name] = value
            XCTAssertThrowsError(try client.send(method: .get, url: server.url + "/x", headers: headers)) { error in
                XCTAssertEqual((error as? AppError)?.kind, .internal)
                XCTAssertEqual((error as? AppError)?.code, "upstream.invalid_header")
                XCTAssertEqual((error as? AppError)?.detail, "The request header \(name) contains a line break.")
            }
        }
        // A valid request afterwards is the first and only one the server receives.
        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/valid")), "first")
        XCTAssertEqual(server.snapshot.acceptedConnections, 1)
        XCTAssertEqual(server.snapshot.requests.count, 1)
        XCTAssertTrue(server.snapshot.requests[0].hasPrefix("GET /valid HTTP/1.1\r\n"), server.snapshot.requests[0])
    }

    func testInvalidHeaderNameRejected() throws {
        var headers = HTTPHeaders()
        headers["X Bad"] = "value"

        XCTAssertThrowsError(try makeClient().send(method: .get, url: "http://127.0.0.1:1/", headers: headers)) { error in
            XCTAssertEqual((error as? AppError)?.code, "upstream.invalid_header")
        }
    }

    func testRequestHeadAsSent() throws {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest, .send(keptAlive)]])
        var headers = HTTPHeaders()
        headers["X-Trace"] = "t-1"
        headers["Content-Length"] = "999"

        _ = try makeClient().send(method: .patch, url: server.url + "/items/1?force=yes", headers: headers, body: Array("abc".utf8))
        let request = try XCTUnwrap(server.snapshot.requests.first)
        XCTAssertEqual(
            request, "PATCH /items/1?force=yes HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Trace: t-1\r\nContent-Length: 3\r\n\r\nabc")
    }

    func testHostHeaderFromCallerKept() throws {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest, .send(keptAlive)]])
        var headers = HTTPHeaders()
        headers["Host"] = "demo.localhost"

        _ = try makeClient().send(method: .get, url: server.url, headers: headers)
        XCTAssertEqual(server.snapshot.requests.first, "GET / HTTP/1.1\r\nHost: demo.localhost\r\n\r\n")
    }

    func testIPv6LiteralConnects() throws {
        let server: ScriptedTCPServer
        do {
            server = try ScriptedTCPServer(host: "::1", scripts: [[.receiveRequest, .send(keptAlive)]])
        } catch {
            throw XCTSkip("no IPv6 loopback address here: \(error)")
        }

        XCTAssertEqual(text(try makeClient().send(method: .get, url: server.url + "/six")), "first")
        XCTAssertEqual(server.snapshot.requests.first?.hasPrefix("GET /six HTTP/1.1\r\nHost: [::1]:\(server.port)\r\n"), true)
    }

    func testIdleConnectionsBoundedPerClient() throws {
        let limit = SocketHTTPClient.maxIdleConnections
        let servers = try (0...limit).map { _ in try ScriptedTCPServer(scripts: [[.receiveRequest, .send(keptAlive), .waitForClientClose]]) }
        let client = makeClient()

        for server in servers {
            XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/x")), "first")
        }
        XCTAssertEqual(client.idleConnectionCount, limit)
        // The connection that waited longest was closed to make room.
        XCTAssertTrue(servers[0].waitForClosedConnections(1), "the oldest idle connection is still open")
    }
}
