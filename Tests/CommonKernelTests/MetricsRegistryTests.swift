import CommonKernel
import Foundation
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

    func testThreadsAddUpAcrossShards() {
        let registry = MetricsRegistry()
        let threads = 24
        let perThread = 500
        let group = DispatchGroup()
        for index in 0..<threads {
            group.enter()
            Thread.detachNewThread {
                for _ in 0..<perThread {
                    registry.recordRequest(method: "GET", route: "/r", status: 200, seconds: index.isMultiple(of: 2) ? 0.001 : 1)
                }
                group.leave()
            }
        }
        group.wait()

        let text = registry.render()
        let total = threads * perThread
        XCTAssertTrue(text.contains(#"http_requests_total{method="GET",route="/r",status="200"} \#(total)"#), text)
        XCTAssertTrue(text.contains(#"http_request_duration_seconds_bucket{method="GET",route="/r",le="0.001"} \#(total / 2)"#), text)
        XCTAssertTrue(text.contains(#"http_request_duration_seconds_count{method="GET",route="/r"} \#(total)"#), text)
        XCTAssertEqual(text.components(separatedBy: "# TYPE http_requests_total").count, 2, "one header per metric")
    }
}
