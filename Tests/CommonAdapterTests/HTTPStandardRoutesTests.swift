import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class HTTPStandardRoutesTests: XCTestCase {
    private struct GenericStoreError: Error, CustomStringConvertible {
        var description: String { "The database did not answer." }
    }

    private struct LeakyError: Error {
        var connectionString = "postgres://app:s3cret@db/app"
    }

    private func makeServer(readiness: @escaping @Sendable () -> [String: Result<Void, Error>]) throws -> HTTPTestServer {
        let metrics = MetricsRegistry()
        return try HTTPTestServer(metrics: metrics) { router in
            router.get("/items/{id}") { _, _ in .text("item") }
            StandardRoutes.install(into: &router, metrics: metrics, service: "catalog-svc", readiness: readiness)
        }
    }

    func testHealthNamesService() throws {
        let server = try makeServer { [:] }
        let response = try makeTestClient().send(method: .get, url: server.url("/health"))

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["Content-Type"], "application/json")
        let body = try jsonObject(response)
        XCTAssertEqual(body["status"] as? String, "ok")
        XCTAssertEqual(body["service"] as? String, "catalog-svc")
    }

    func testReadyWhenEveryCheckPasses() throws {
        let server = try makeServer { ["postgres": .success(()), "redis": .success(())] }
        let response = try makeTestClient().send(method: .get, url: server.url("/ready"))

        XCTAssertEqual(response.status, 200)
        let checks = try XCTUnwrap(try jsonObject(response)["checks"] as? [String: String])
        XCTAssertEqual(checks, ["postgres": "ok", "redis": "ok"])
    }

    func testOneFailingCheckMakesItUnavailable() throws {
        let server = try makeServer { ["postgres": .failure(GenericStoreError()), "redis": .success(())] }
        let response = try makeTestClient().send(method: .get, url: server.url("/ready"))

        XCTAssertEqual(response.status, 503)
        let body = try jsonObject(response)
        XCTAssertEqual(body["status"] as? String, "unavailable")
        let checks = try XCTUnwrap(body["checks"] as? [String: String])
        XCTAssertEqual(checks["postgres"], "The database did not answer.")
        XCTAssertEqual(checks["redis"], "ok")
    }

    func testFailingCheckHidesErrorContents() throws {
        let server = try makeServer {
            [
                "postgres": .failure(LeakyError()),
                "redis": .failure(AppError(.unavailable, code: "redis.down", detail: "Redis is unavailable.")),
            ]
        }
        let response = try makeTestClient().send(method: .get, url: server.url("/ready"))

        XCTAssertEqual(response.status, 503)
        let checks = try XCTUnwrap(try jsonObject(response)["checks"] as? [String: String])
        XCTAssertEqual(checks["redis"], "Redis is unavailable.")
        XCTAssertEqual(checks["postgres"], "failed with LeakyError")
        XCTAssertFalse(server.logs.capturedLines.joined().contains("s3cret"))
    }

    func testMetricsCountRequestsByRoutePattern() throws {
        let server = try makeServer { [:] }
        let client = makeTestClient()
        _ = try client.send(method: .get, url: server.url("/items/1"))
        _ = try client.send(method: .get, url: server.url("/items/2"))
        let response = try client.send(method: .get, url: server.url("/metrics"))

        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["Content-Type"], "text/plain; version=0.0.4")
        let exposition = text(response)
        XCTAssertTrue(exposition.contains("# TYPE http_requests_total counter"), exposition)
        XCTAssertTrue(exposition.contains(#"http_requests_total{method="GET",route="/items/{id}",status="200"} 2"#), exposition)
        XCTAssertTrue(exposition.contains(#"http_request_duration_seconds_count{method="GET",route="/items/{id}"} 2"#), exposition)
        XCTAssertFalse(exposition.contains("/items/1"), exposition)
    }
}
