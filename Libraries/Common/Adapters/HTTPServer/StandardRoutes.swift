import CommonKernel
import FoundationEssentials

/// The operational routes every service serves: liveness, readiness and metrics.
public enum StandardRoutes {
    /// Adds three routes to `router`:
    /// - `GET /health`: 200 `{"status":"ok","service":...}` while the process serves requests.
    /// - `GET /ready`: runs `readiness` and returns 200 when every check succeeded, else 503.
    ///   The body lists each check as `"ok"` or its error's client-safe text (see `describe`).
    /// - `GET /metrics`: `metrics` in the Prometheus text format 0.0.4.
    public static func install(
        into router: inout Router, metrics: MetricsRegistry, service: String,
        readiness: @escaping @Sendable () -> [String: Result<Void, Error>]
    ) {
        let health = JSONValue.object(["status": .string("ok"), "service": .string(service)])
        let healthBody = Array(health.serialized().utf8)
        router.get("/health") { _, _ in
            HTTPResponse(status: 200, contentType: "application/json", body: healthBody)
        }
        router.get("/ready") { _, context in
            readinessResponse(readiness(), service: service, logger: context.logger)
        }
        router.get("/metrics") { _, _ in
            .text(metrics.render(), contentType: "text/plain; version=0.0.4")
        }
    }

    static func readinessResponse(
        _ results: [String: Result<Void, Error>], service: String, logger: Logger
    ) -> HTTPResponse {
        var checks: [String: JSONValue] = [:]
        for (name, result) in results {
            switch result {
            case .success:
                checks[name] = .string("ok")
            case .failure(let error):
                logger.warning("readiness check failed", ["check": name, "error": describe(error)])
                checks[name] = .string(describe(error))
            }
        }
        let ready = results.values.allSatisfy { if case .success = $0 { true } else { false } }
        let body = JSONValue.object([
            "status": .string(ready ? "ready" : "unavailable"), "service": .string(service), "checks": .object(checks),
        ])
        return HTTPResponse(status: ready ? 200 : 503, contentType: "application/json", body: Array(body.serialized().utf8))
    }

    /// Returns the text shown for a failed check. That is an `AppError`'s detail, which is written
    /// for clients, or the description of an error that provides one, which the platform's
    /// adapters keep generic. Any other error shows only its type, because its default
    /// description may contain anything.
    static func describe(_ error: Error) -> String {
        switch error {
        case let appError as AppError: appError.detail
        case let described as CustomStringConvertible: described.description
        default: "failed with \(type(of: error))"
        }
    }
}
