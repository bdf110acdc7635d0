import CommonKernel
import XCTest

final class RouterTests: XCTestCase {
    private func makeRouter() -> Router {
        var router = Router()
        router.get("/api/v1/tenants/{id}") { _, _ in .text("by id") }
        router.get("/api/v1/tenants/current") { _, _ in .text("current") }
        router.post("/api/v1/tenants/{id}/suspend") { _, _ in .text("suspend") }
        return router
    }

    private func pattern(_ match: Router.Match) -> String? {
        if case .found(let pattern, _, _, _) = match { return pattern }
        return nil
    }

    func testLiteralSegmentWinsOverParameter() {
        let match = makeRouter().match(method: .get, path: "/api/v1/tenants/current")
        XCTAssertEqual(pattern(match), "/api/v1/tenants/current")
    }

    func testParameterIsCapturedAndDecoded() {
        guard case .found(_, let parameters, _, _) = makeRouter().match(method: .get, path: "/api/v1/tenants/a%20b") else {
            return XCTFail("expected a match")
        }
        XCTAssertEqual(parameters["id"], "a b")
    }

    func testWrongMethodListsAllowedMethods() {
        guard case .methodNotAllowed(let allowed) = makeRouter().match(method: .delete, path: "/api/v1/tenants/x") else {
            return XCTFail("expected 405")
        }
        XCTAssertEqual(Set(allowed.map(\.rawValue)), ["GET", "HEAD"])
    }

    func testHeadMatchesGetRoute() {
        XCTAssertEqual(pattern(makeRouter().match(method: .head, path: "/api/v1/tenants/x")), "/api/v1/tenants/{id}")
    }

    func testUnknownPathIsNotFound() {
        guard case .notFound = makeRouter().match(method: .get, path: "/api/v2/tenants") else {
            return XCTFail("expected 404")
        }
    }

    func testTrailingSlashMatchesSameRoute() {
        XCTAssertEqual(pattern(makeRouter().match(method: .post, path: "/api/v1/tenants/x/suspend/")), "/api/v1/tenants/{id}/suspend")
    }

    func testBlockingFlagTravelsWithMatch() {
        var router = makeRouter()
        XCTAssertFalse(router.hasBlockingRoutes)
        router.post("/api/v1/auth/login", blocking: true) { _, _ in .text("login") }
        XCTAssertTrue(router.hasBlockingRoutes)

        guard case .found(_, _, _, let loginBlocks) = router.match(method: .post, path: "/api/v1/auth/login") else {
            return XCTFail("expected the login route")
        }
        XCTAssertTrue(loginBlocks)
        let current = router.match(method: .get, path: "/api/v1/tenants/current")
        guard case .found(_, _, _, let currentBlocks) = current else {
            return XCTFail("expected the current tenant route")
        }
        XCTAssertFalse(currentBlocks)
    }

    func testMalformedEscapeInParameterIsNamed() {
        for path in ["/api/v1/tenants/%E2%82", "/api/v1/tenants/%zz", "/api/v1/tenants/a%2/suspend"] {
            guard case .invalidPathEncoding(let parameter) = makeRouter().match(method: path.hasSuffix("suspend") ? .post : .get, path: path)
            else { return XCTFail("\(path) is not reported as a malformed escape") }
            XCTAssertEqual(parameter, "id", path)
        }
        XCTAssertEqual(pattern(makeRouter().match(method: .get, path: "/api/v1/tenants/current")), "/api/v1/tenants/current")
        guard case .notFound = makeRouter().match(method: .get, path: "/api/v1/other/%E2%82") else {
            return XCTFail("a path that fits no route stays not found")
        }
    }

    func testUrgentRouteIsBlockingAndListed() {
        var router = Router()
        router.urgentGet("/api/health") { _, _ in .text("ok") }
        router.get("/api/v1/plans", blocking: true) { _, _ in .text("plans") }
        guard case .found(_, _, _, let blocking) = router.match(method: .get, path: "/api/health") else {
            return XCTFail("expected a match")
        }
        XCTAssertTrue(blocking)
        XCTAssertEqual(router.urgentPatterns, ["/api/health"])
    }
}
