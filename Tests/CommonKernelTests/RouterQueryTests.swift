import CommonKernel
import XCTest

final class RouterQueryTests: XCTestCase {
    private func makeRouter() -> Router {
        var router = Router()
        router.get("/items") { request, _ in .text(request.query["limit"] ?? "none") }
        router.post("/upload", body: .checkedByRoute) { _, _ in .text("upload route ran") }
        return router
    }

    /// Runs the route matched for `method` and `path` with the query arguments in the order given.
    private func run(_ method: HTTPMethod, _ path: String, _ arguments: [(name: String, value: String)]) throws
        -> HTTPResponse
    {
        let request = HTTPRequest(method: method, path: path, queryArguments: arguments)
        guard case .found(_, _, let handler, _) = makeRouter().match(method: method, path: path) else {
            throw AppError(.notFound, code: "route.not_found", detail: "No route for \(path)")
        }
        let context = RequestContext(
            requestID: "test", logger: Logger(label: "test", sink: .memory()), request: request, tenancy: nil)
        return try handler(request, context)
    }

    func testRequestKeepsFirstValueAndListsRepeats() {
        let request = HTTPRequest(
            method: .get, path: "/items",
            queryArguments: [("status", "active"), ("limit", "5"), ("status", "draft"), ("limit", "500"), ("status", "")])
        XCTAssertEqual(request.query, ["status": "active", "limit": "5"])
        XCTAssertEqual(request.repeatedQueryNames, ["status", "limit"])
    }

    func testEmptyNamesAreSkipped() throws {
        let request = HTTPRequest(
            method: .get, path: "/items",
            queryArguments: [("limit", "5"), ("", ""), ("", ""), ("sort", "newest"), ("", "value"), ("", "")])
        XCTAssertEqual(request.query, ["limit": "5", "sort": "newest"])
        XCTAssertEqual(request.repeatedQueryNames, [])

        let response = try run(.get, "/items", [("", ""), ("", ""), ("", "")])
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "none")
    }

    func testRepeatedParameterRejectedBeforeHandler() {
        XCTAssertThrowsError(try run(.get, "/items", [("limit", "5"), ("limit", "500")])) { error in
            let appError = error as? AppError
            XCTAssertEqual(appError?.kind, .badRequest)
            XCTAssertEqual(appError?.code, "request.duplicate_query_parameter")
            XCTAssertEqual(appError?.fieldErrors.map(\.field), ["limit"])
            XCTAssertEqual(appError?.fieldErrors.map(\.code), ["duplicate_parameter"])
        }
    }

    func testEveryRepeatedParameterNamed() {
        let arguments: [(name: String, value: String)] = [("cursor", "a"), ("limit", "1"), ("cursor", "b"), ("limit", "2")]
        XCTAssertThrowsError(try run(.get, "/items", arguments)) { error in
            XCTAssertEqual((error as? AppError)?.fieldErrors.map(\.field), ["cursor", "limit"])
            XCTAssertEqual((error as? AppError)?.detail.contains("cursor, limit"), true)
        }
    }

    func testRouteCheckingItsOwnBodyRejectsRepeats() {
        XCTAssertThrowsError(try run(.post, "/upload", [("file_name", "a.csv"), ("file_name", "b.csv")])) { error in
            XCTAssertEqual((error as? AppError)?.fieldErrors.map(\.field), ["file_name"])
        }
    }

    func testSingleValuesReachHandler() throws {
        let response = try run(.get, "/items", [("limit", "5"), ("sort", "title")])
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "5")
    }

    func testRepeatedParameterIs400Problem() {
        let error = AppError(.badRequest, code: "request.duplicate_query_parameter", detail: "repeated")
        let response = Problem(error: error, requestID: "test").response
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
    }
}
