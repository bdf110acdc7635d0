import CommonAdapters
import CommonKernel
import XCTest

final class HTTPServerRoutingTests: XCTestCase {
    private func makeServer(_ threadModel: HTTPServerConfiguration.ThreadModel = .pool(threads: 4)) throws -> HTTPTestServer {
        try HTTPTestServer(threadModel: threadModel) { router in
            router.get("/items/{id}") { request, _ in
                .text("item \(try request.parameter("id")) sort=\(request.query["sort"] ?? "-")")
            }
            router.get("/items/featured") { _, _ in .text("featured") }
            router.post("/items/{id}/notes") { request, _ in
                .text("note for \(try request.parameter("id")): \(String(decoding: request.body, as: UTF8.self))", status: 201)
            }
            router.delete("/items/{id}") { _, _ in .noContent() }
        }
    }

    func testPathParameterDispatchedOverWire() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .get, url: server.url("/items/42"))

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response), "item 42 sort=-")
    }

    func testLiteralRouteWinsOverParameter() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .get, url: server.url("/items/featured"))

        XCTAssertEqual(text(response), "featured")
    }

    func testEscapedPathAndQueryDecodedOnce() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .get, url: server.url("/items/a%2Fb%2541?sort=price+desc%2B1"))

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response), "item a/b%41 sort=price desc+1")
    }

    func testPostBodyReachesHandler() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .post, url: server.url("/items/7/notes"), body: Array("hello".utf8))

        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(text(response), "note for 7: hello")
    }

    func testDeleteAnsweredWithNoContent() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .delete, url: server.url("/items/7"))

        XCTAssertEqual(response.status, 204)
        XCTAssertTrue(response.body.isEmpty)
    }

    func testUnknownPathIsNotFoundProblem() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .get, url: server.url("/nothing/here"))

        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        let problem = try jsonObject(response)
        XCTAssertEqual(problem["code"] as? String, "route.not_found")
        XCTAssertEqual(problem["status"] as? Int, 404)
        XCTAssertNotNil(problem["request_id"] as? String)
    }

    func testWrongMethodIsMethodNotAllowedWithAllow() throws {
        let server = try makeServer()
        let response = try makeTestClient().send(method: .put, url: server.url("/items/7"), body: Array("{}".utf8))

        XCTAssertEqual(response.status, 405)
        let allow = try XCTUnwrap(response.headers["Allow"])
        XCTAssertEqual(Set(allow.components(separatedBy: ", ")), ["GET", "HEAD", "DELETE"])
        let problem = try jsonObject(response)
        XCTAssertEqual(problem["code"] as? String, "route.method_not_allowed")
        XCTAssertEqual(problem["allow"] as? String, allow)
    }

    func testHeadGetsHeadersWithoutBody() throws {
        let server = try makeServer()
        let connection = try RawConnection(port: server.server.port)
        let get = try connection.exchange("GET /items/5 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let head = try connection.exchange("HEAD /items/5 HTTP/1.1\r\nHost: localhost\r\n\r\n", expectBody: false)

        XCTAssertTrue(head.head.hasPrefix("HTTP/1.1 200"), head.head)
        XCTAssertTrue(head.head.lowercased().contains("content-length: \(get.body.utf8.count)"), head.head)
        XCTAssertTrue(head.head.contains("X-Request-ID: "), head.head)
        XCTAssertEqual(head.body, "")
        XCTAssertEqual(try makeTestClient().send(method: .head, url: server.url("/items/5")).status, 200)
    }

    func testThreadPerConnectionDispatches() throws {
        let server = try makeServer(.threadPerConnection)
        let client = makeTestClient()

        XCTAssertEqual(text(try client.send(method: .get, url: server.url("/items/9"))), "item 9 sort=-")
        XCTAssertEqual(try client.send(method: .get, url: server.url("/missing")).status, 404)
        XCTAssertEqual(try client.send(method: .post, url: server.url("/items/9")).status, 405)
    }
}
