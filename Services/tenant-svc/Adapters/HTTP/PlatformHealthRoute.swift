import CommonAdapters
import CommonKernel
import Foundation
import Synchronization

/// `GET /api/health`: every service's `/health` in one answer, 200 when all are up, else 503.
struct PlatformHealthRoute {
    struct ServiceHealth: Encodable {
        var status: String
        var latencyMs: Int
        var detail: String?
    }

    struct Body: Encodable {
        var status: String
        var services: [String: ServiceHealth]
    }

    /// Service names and base URLs, tenant-svc itself included.
    let services: [(name: String, url: String)]
    let client: CurlHTTPClient

    func install(into router: inout Router) {
        router.get("/api/health") { _, _ in
            let results = checkAll()
            let healthy = results.values.allSatisfy { $0.status == "ok" }
            var response = try HTTPResponse.json(Body(status: healthy ? "ok" : "degraded", services: results), status: healthy ? 200 : 503)
            response.headers["Cache-Control"] = "no-store"
            return response
        }
    }

    private func checkAll() -> [String: ServiceHealth] {
        let results = ResultBox(count: services.count)
        DispatchQueue.concurrentPerform(iterations: services.count) { index in
            results.set(index, check(services[index].url))
        }
        var byName: [String: ServiceHealth] = [:]
        for (index, service) in services.enumerated() { byName[service.name] = results.value(index) }
        return byName
    }

    private func check(_ baseURL: String) -> ServiceHealth {
        let started = Date()
        do {
            let response = try client.send(method: .get, url: baseURL + "/health")
            let latency = Int(Date().timeIntervalSince(started) * 1000)
            return ServiceHealth(status: response.status == 200 ? "ok" : "failing", latencyMs: latency,
                                 detail: response.status == 200 ? nil : "status \(response.status)")
        } catch {
            return ServiceHealth(status: "unreachable", latencyMs: Int(Date().timeIntervalSince(started) * 1000), detail: (error as? AppError)?.detail ?? "unreachable")
        }
    }
}

/// Slots that concurrent checks fill by index.
private final class ResultBox: Sendable {
    private let values: Mutex<[PlatformHealthRoute.ServiceHealth?]>

    init(count: Int) { values = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: PlatformHealthRoute.ServiceHealth) { values.withLock { $0[index] = value } }

    func value(_ index: Int) -> PlatformHealthRoute.ServiceHealth { values.withLock { $0[index]! } }
}
