import CommonAdapters
import CommonKernel
import Foundation
import XCTest

// What every `HTTPClient` of the project must do, checked the same way for the libcurl client
// and the socket client.

/// Starts an upstream that echoes the request as a JSON object: the method, the body, the query
/// parameter `q` and selected headers, with `X-Upstream: one` and `X-Upstream-Note: a: b` on
/// the response. It also serves `/missing-item` (a 404 problem), `/ping/{n}` and `/slow`, which
/// responds after 1 s.
func makeEchoUpstream() throws -> HTTPTestServer {
    try HTTPTestServer { router in
        let echo: RouteHandler = { request, _ in
            let header = { (name: String) -> JSONValue in request.headers[name].map(JSONValue.string) ?? .null }
            let echoed = JSONValue.object([
                "method": .string(request.method.rawValue),
                "body": .string(String(decoding: request.body, as: UTF8.self)),
                "content_type": header("Content-Type"), "content_length": header("Content-Length"),
                "host": header("Host"), "expect": header("Expect"), "x_trace": header("X-Trace"),
                "x_empty": header("X-Empty"), "query": .string(request.query["q"] ?? ""),
            ])
            var response = HTTPResponse(status: 200, contentType: "application/json", body: Array(echoed.serialized().utf8))
            response.headers.add("X-Upstream", "one")
            response.headers.add("X-Upstream-Note", "a: b")
            return response
        }
        for method in [HTTPMethod.get, .post, .put, .patch, .delete, .options] { router.add(method, "/echo", echo) }
        router.get("/missing-item") { _, _ in throw AppError.notFound("Item", code: "item.not_found") }
        router.get("/ping/{n}") { request, _ in .text("pong \(try request.parameter("n"))") }
        router.get("/slow") { _, _ in
            usleep(1_000_000)
            return .text("late")
        }
    }
}

/// Checks that `client` sends each method with its body, empty or not, as given.
func checkMethodsAndBodiesArriveAsSent(
    _ client: any HTTPClient, upstream: HTTPTestServer, file: StaticString = #filePath, line: UInt = #line
) throws {
    let cases: [(HTTPMethod, String)] = [
        (.get, ""), (.post, "{\"a\":1}"), (.put, "put body"), (.patch, ""), (.delete, ""), (.delete, "gone"), (.options, ""),
    ]
    for (method, body) in cases {
        let response = try client.send(method: method, url: upstream.url("/echo"), body: Array(body.utf8))
        let echoed = try jsonObject(response, file: file, line: line)
        XCTAssertEqual(echoed["method"] as? String, method.rawValue, "\(method) \(body)", file: file, line: line)
        XCTAssertEqual(echoed["body"] as? String, body, "\(method) \(body)", file: file, line: line)
    }
}

/// Checks that `client` sends the caller's headers, an empty one included, and adds neither
/// `Content-Type` nor `Expect` to a request with a body.
func checkRequestHeadersSentWithoutAdditions(
    _ client: any HTTPClient, upstream: HTTPTestServer, file: StaticString = #filePath, line: UInt = #line
) throws {
    var headers = HTTPHeaders()
    headers["X-Trace"] = "abc"
    headers["X-Empty"] = ""
    let response = try client.send(method: .post, url: upstream.url("/echo"), headers: headers, body: Array("x".utf8))

    let echoed = try jsonObject(response, file: file, line: line)
    XCTAssertEqual(echoed["x_trace"] as? String, "abc", file: file, line: line)
    XCTAssertEqual(echoed["x_empty"] as? String, "", file: file, line: line)
    XCTAssertTrue(echoed["content_type"] is NSNull, "\(echoed)", file: file, line: line)
    XCTAssertTrue(echoed["expect"] is NSNull, "\(echoed)", file: file, line: line)
}

/// Returns a loopback port that nothing listens on, found by binding a socket and closing it.
func closedLoopbackPort() throws -> Int {
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
