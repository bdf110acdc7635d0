import CommonKernel
import XCTest

final class RouterMediaTypeTests: XCTestCase {
    private struct NoRoute: Error {
        let path: String
    }

    private func makeRouter() -> Router {
        var router = Router()
        router.post("/json") { _, _ in .text("json route ran") }
        router.post("/csv", body: .checkedByRoute) { _, _ in .text("csv route ran") }
        return router
    }

    /// Runs the route matched for a POST to `path` with `body` labelled `contentType`.
    private func post(_ path: String, contentType: String?, body: String = "{}") throws -> HTTPResponse {
        var headers = HTTPHeaders()
        if let contentType { headers["Content-Type"] = contentType }
        let request = HTTPRequest(method: .post, path: path, headers: headers, body: Array(body.utf8))
        guard case .found(_, _, let handler, _) = makeRouter().match(method: .post, path: path) else {
            throw NoRoute(path: path)
        }
        let context = RequestContext(requestID: "test", logger: Logger(label: "test", sink: .memory()), request: request, tenancy: nil)
        return try handler(request, context)
    }

    func testJSONRouteRejectsPlainText() {
        XCTAssertThrowsError(try post("/json", contentType: "text/plain")) { error in
            XCTAssertEqual((error as? AppError)?.code, "request.unsupported_media_type")
            XCTAssertEqual((error as? AppError)?.kind, .unsupportedMediaType)
        }
    }

    func testJSONRouteRejectsFormEncoding() {
        XCTAssertThrowsError(try post("/json", contentType: "application/x-www-form-urlencoded"))
    }

    func testJSONRouteRejectsEmptyMediaType() {
        XCTAssertThrowsError(try post("/json", contentType: ";"))
    }

    func testJSONRouteAcceptsJSONTypes() throws {
        XCTAssertEqual(try post("/json", contentType: "application/json; charset=utf-8").status, 200)
        XCTAssertEqual(try post("/json", contentType: "Application/JSON").status, 200)
        XCTAssertEqual(try post("/json", contentType: "application/merge-patch+json").status, 200)
    }

    func testJSONRouteAcceptsUnlabelledBody() throws {
        XCTAssertEqual(try post("/json", contentType: nil).status, 200)
    }

    func testJSONRouteIgnoresTypeOfEmptyBody() throws {
        XCTAssertEqual(try post("/json", contentType: "text/plain", body: "").status, 200)
    }

    func testRouteCheckingItsOwnBodyGetsAnyType() throws {
        XCTAssertEqual(try post("/csv", contentType: "text/csv").status, 200)
    }
}
