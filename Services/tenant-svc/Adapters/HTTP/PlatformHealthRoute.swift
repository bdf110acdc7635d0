import CommonAdapters
import CommonKernel
import Dispatch
import FoundationEssentials
import Synchronization

/// `GET /api/health`: every service's `/health` in one response, 200 when all are up, else 503.
///
/// tenant-svc reports itself without a request to its own port, because such a request waits for
/// one of the same worker threads that a burst of health checks keeps busy. The combined result
/// is reused for one second, and only one request at a time refreshes it, so a burst of checks
/// costs the other services at most one request each per second.
final class PlatformHealthRoute: Sendable {
    struct ServiceHealth: Encodable {
        var status: String
        var latencyMs: Int
        var detail: String?
    }

    struct Body: Encodable {
        var status: String
        var services: [String: ServiceHealth]
    }

    /// Names and base URLs of the other services.
    private let services: [(name: String, url: String)]
    private let client: any HTTPClient
    private let refresh = Mutex(())
    private let latest = Mutex<(body: Body, at: ContinuousClock.Instant)?>(nil)

    init(services: [(name: String, url: String)], client: any HTTPClient) {
        self.services = services.filter { $0.name != "tenant-svc" }
        self.client = client
    }

    func install(into router: inout Router) {
        // Blocking: a refresh waits up to the client's timeout for each service. Urgent: it shares
        // the blocking pool with logins, and goes ahead of them so that a flood of logins does not
        // turn it away with 503 or keep it waiting behind the password hashes.
        router.urgentGet("/api/health") { [self] _, _ in
            let body = currentBody()
            var response = try HTTPResponse.json(body, status: body.status == "ok" ? 200 : 503)
            response.headers["Cache-Control"] = "no-store"
            return response
        }
    }

    private func currentBody() -> Body {
        if let fresh = freshBody() { return fresh }
        return refresh.withLock { _ in
            if let fresh = freshBody() { return fresh }
            let body = checkAll()
            latest.withLock { $0 = (body, .now) }
            return body
        }
    }

    private func freshBody() -> Body? {
        latest.withLock { entry in
            guard let entry, ContinuousClock.now - entry.at < .seconds(1) else { return nil }
            return entry.body
        }
    }

    private func checkAll() -> Body {
        let results = Mutex<[String: ServiceHealth]>(["tenant-svc": ServiceHealth(status: "ok", latencyMs: 0)])
        DispatchQueue.concurrentPerform(iterations: services.count) { index in
            let health = check(services[index].url)
            results.withLock { $0[services[index].name] = health }
        }
        let byName = results.withLock { $0 }
        let healthy = byName.values.allSatisfy { $0.status == "ok" }
        return Body(status: healthy ? "ok" : "degraded", services: byName)
    }

    private func check(_ baseURL: String) -> ServiceHealth {
        let started = ContinuousClock.now
        do {
            let response = try client.send(method: .get, url: baseURL + "/health")
            return ServiceHealth(status: response.status == 200 ? "ok" : "failing", latencyMs: Self.milliseconds(since: started),
                                 detail: response.status == 200 ? nil : "status \(response.status)")
        } catch {
            return ServiceHealth(status: "unreachable", latencyMs: Self.milliseconds(since: started),
                                 detail: Self.publicReason(error))
        }
    }

    /// Returns the client's reason without the service's internal address, which this public
    /// route does not show: "could not connect (Connection refused)", for instance.
    static func publicReason(_ error: any Error) -> String {
        guard let reason = (error as? AppError)?.upstreamReason, !reason.isEmpty else { return "unreachable" }
        return reason
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let duration = ContinuousClock.now - start
        return Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
