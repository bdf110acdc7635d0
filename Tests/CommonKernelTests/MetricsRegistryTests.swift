import CommonKernel
import XCTest

final class MetricsRegistryTests: XCTestCase {
    func testRequestsRenderAsCounterAndHistogram() {
        let registry = MetricsRegistry()
        registry.recordRequest(method: "GET", route: "/api/v1/tenants/{id}", status: 200, seconds: 0.003)
        registry.recordRequest(method: "GET", route: "/api/v1/tenants/{id}", status: 200, seconds: 0.2)
        let text = registry.render()
        XCTAssertTrue(text.contains("# TYPE http_requests_total counter"))
        XCTAssertTrue(text.contains(#"http_requests_total{method="GET",route="/api/v1/tenants/{id}",status="200"} 2"#))
        XCTAssertTrue(text.contains(#"http_request_duration_seconds_bucket{method="GET",route="/api/v1/tenants/{id}",le="0.005"} 1"#))
        XCTAssertTrue(text.contains(#"http_request_duration_seconds_bucket{method="GET",route="/api/v1/tenants/{id}",le="+Inf"} 2"#))
        XCTAssertTrue(text.contains(#"http_request_duration_seconds_count{method="GET",route="/api/v1/tenants/{id}"} 2"#))
    }

    func testLabelValuesAreEscaped() {
        let registry = MetricsRegistry()
        registry.increment("events_total", help: "Events.", labels: [("type", "a\"b\\c")])
        XCTAssertTrue(registry.render().contains(#"events_total{type="a\"b\\c"} 1"#))
    }
}
