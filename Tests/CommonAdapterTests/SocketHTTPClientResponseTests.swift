@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// How `SocketHTTPClient` reads responses that a scripted loopback server sends byte for byte.
final class SocketHTTPClientResponseTests: XCTestCase {
    private func makeClient(timeoutSeconds: Double = 5, maxResponseBytes: Int = CurlHTTPClient.maxResponseBytes) -> SocketHTTPClient {
        SocketHTTPClient(
            timeoutSeconds: timeoutSeconds, logger: Logger(label: "socket-client-test", sink: .memory()),
            maxResponseBytes: maxResponseBytes)
    }

    /// Sends one GET to a server that replies with `response` and closes the connection.
    private func fetch(_ response: String, client: SocketHTTPClient? = nil) throws -> HTTPClientResponse {
        let server = try ScriptedTCPServer(scripts: [[.receiveRequest, .send(response)]])
        return try (client ?? makeClient()).send(method: .get, url: server.url + "/x")
    }

    /// Asserts that `response` fails the request with `upstream.unreachable` and a detail that
    /// ends with `reason`.
    private func assertRejected(
        _ response: String, reason: String, client: SocketHTTPClient? = nil, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try fetch(response, client: client), file: file, line: line) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.code, "upstream.unreachable", "\(error)", file: file, line: line)
            XCTAssertEqual(appError?.kind, .unavailable, file: file, line: line)
            XCTAssertTrue(appError?.detail.hasPrefix("Could not reach 127.0.0.1: ") ?? false, "\(error)", file: file, line: line)
            XCTAssertTrue(appError?.detail.hasSuffix("\(reason).") ?? false, "\(error)", file: file, line: line)
        }
    }

    func testChunkedBodyWithExtensionAndTrailer() throws {
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Kind: parts\r\n\r\n"
            + "5;note=\"first part\"\r\nhello\r\n6 ; last\r\n world\r\n0\r\nX-Checksum: 9f2a\r\n\r\n"
        let server = try ScriptedTCPServer(scripts: [
            [.receiveRequest, .send(chunked), .receiveRequest, .send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext")]
        ])
        let client = makeClient()

        let response = try client.send(method: .get, url: server.url + "/chunked")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response), "hello world")
        XCTAssertEqual(response.headers["X-Kind"], "parts")
        XCTAssertNil(response.headers["X-Checksum"], "a trailer was merged into the headers")
        // The trailer was read to its end, so the connection carries the next request.
        XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/next")), "next")
        XCTAssertEqual(server.snapshot.acceptedConnections, 1)
    }

    func testInterimResponsesSkipped() throws {
        let response = try fetch(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nX-Final: yes\r\n\r\nok")

        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(text(response), "ok")
        XCTAssertEqual(response.headers["X-Final"], "yes")
        XCTAssertNil(response.headers["Link"], "an interim response's header was kept")
    }

    func testBodyDelimitedByClose() throws {
        let response = try fetch("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end\r\nof the stream")

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response), "until the end\r\nof the stream")
    }

    func testNoContentAndNotModifiedHaveNoBody() throws {
        for status in ["204 No Content", "304 Not Modified"] {
            let server = try ScriptedTCPServer(scripts: [[
                .receiveRequest, .send("HTTP/1.1 \(status)\r\nContent-Length: 5\r\n\r\n"),
                .receiveRequest, .send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nafter"),
            ]])
            let client = makeClient()

            let empty = try client.send(method: .get, url: server.url + "/empty")
            XCTAssertEqual(empty.body, [], status)
            XCTAssertEqual(text(try client.send(method: .get, url: server.url + "/after")), "after", status)
        }
    }

    func testHeaderNamesCaseInsensitiveAndValuesTrimmed() throws {
        let response = try fetch("HTTP/1.1 200 OK\r\ncOnTeNt-LeNgTh: 3\r\nx-note: \t spaced out \t\r\nX-Empty:\r\n\r\nabc")

        XCTAssertEqual(text(response), "abc")
        XCTAssertEqual(response.headers["X-Note"], "spaced out")
        XCTAssertEqual(response.headers["x-empty"], "")
    }

    func testLineFeedOnlyLinesAccepted() throws {
        let response = try fetch("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")

        XCTAssertEqual(text(response), "ok")
    }

    func testIdenticalContentLengthsAccepted() throws {
        let response = try fetch("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3, 003\r\n\r\nabc")

        XCTAssertEqual(text(response), "abc")
    }

    func testMalformedStatusLinesRejected() {
        for statusLine in ["HTTP/1.1 2OO OK", "HTTP/2 200 OK", "ICY 200 OK", "HTTP/1.1 200OK", "HTTP/1.1 099 Low", "", "garbage"] {
            assertRejected("\(statusLine)\r\nContent-Length: 0\r\n\r\n", reason: "invalid response: malformed status line")
        }
    }

    func testBadChunkSizesRejected() {
        for size in ["zz", "", "-1", "0x10", " 5", "1234567890abcdef0"] {
            assertRejected(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nhello\r\n0\r\n\r\n", reason: "invalid response: invalid chunk size")
        }
    }

    func testChunkLongerThanItsSizeRejected() {
        assertRejected(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n",
            reason: "invalid response: chunk data not followed by CRLF")
    }

    func testInvalidContentLengthsRejected() {
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\nbody", reason: "invalid response: Content-Length is not a number")
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\nbody", reason: "invalid response: Content-Length is not a number")
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 4,\r\n\r\nbody", reason: "invalid response: Content-Length is not a number")
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nbody!", reason: "invalid response: Content-Length values disagree")
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 4, 5\r\n\r\nbody!", reason: "invalid response: Content-Length values disagree")
    }

    func testInvalidHeaderLinesRejected() {
        assertRejected("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", reason: "invalid response: header line without a colon")
        assertRejected("HTTP/1.1 200 OK\r\nX-Name : value\r\n\r\n", reason: "invalid response: invalid header name")
        assertRejected("HTTP/1.1 200 OK\r\nX-Long: one\r\n  folded\r\n\r\n", reason: "invalid response: folded header line")
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", reason: "invalid response: unsupported Transfer-Encoding gzip, chunked")
        assertRejected("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", reason: "invalid response: unexpected 101 Switching Protocols")
    }

    func testTruncatedResponsesRejected() {
        let reason = "the connection closed before the response was complete"
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", reason: reason)
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", reason: reason)
        assertRejected("HTTP/1.1 200 OK\r\nContent-Le", reason: reason)
    }

    func testHeaderBlockOverLimitRejected() {
        let filler = String(repeating: "a", count: 1000)
        let fields = (0..<70).map { "X-Filler-\($0): \(filler)\r\n" }.joined()
        assertRejected("HTTP/1.1 200 OK\r\n\(fields)Content-Length: 0\r\n\r\n", reason: "the response headers exceed 65536 bytes")
        let longLine = "HTTP/1.1 200 OK\r\nX-Huge: \(String(repeating: "b", count: 70_000))\r\n\r\n"
        assertRejected(longLine, reason: "the response headers exceed 65536 bytes")
    }

    func testBodyOverLimitRejected() throws {
        let client = makeClient(maxResponseBytes: 16)
        let reason = "the response body exceeds 16 bytes"
        let seventeen = String(repeating: "x", count: 17)
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n\(seventeen)", reason: reason, client: client)
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", reason: reason, client: client)
        assertRejected(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n\(String(seventeen.dropLast()))\r\n1\r\nx\r\n0\r\n\r\n",
            reason: reason, client: client)
        assertRejected("HTTP/1.1 200 OK\r\n\r\n\(seventeen)", reason: reason, client: client)

        let sixteen = String(seventeen.dropLast())
        XCTAssertEqual(text(try fetch("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n\(sixteen)", client: client)), sixteen)
        XCTAssertEqual(text(try fetch("HTTP/1.1 200 OK\r\n\r\n\(sixteen)", client: client)), sixteen)
    }
}
