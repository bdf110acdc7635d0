import CommonKernel
import FoundationEssentials

/// Turns one complete request into its response, independent of the wire: assigns the request
/// id, routes, maps thrown errors to problem documents, writes the access log line and records
/// the request's metrics.
final class RequestPipeline: Sendable {
    private let router: Router
    private let tenancy: RequestTenancy?
    private let metrics: MetricsRegistry
    private let logger: Logger
    let maxBodyBytes: Int

    /// Returns true when `match` is a route added with `Router.urgentGet`.
    func isUrgent(_ match: Router.Match) -> Bool {
        guard case .found(let pattern, _, _, _) = match else { return false }
        return router.urgentPatterns.contains(pattern)
    }

    init(router: Router, tenancy: RequestTenancy?, metrics: MetricsRegistry, logger: Logger, maxBodyBytes: Int) {
        self.router = router
        self.tenancy = tenancy
        self.metrics = metrics
        self.logger = logger
        self.maxBodyBytes = maxBodyBytes
    }

    /// Builds the response to `request`. It never throws, because every failure becomes a problem
    /// response. `bodyTooLarge` marks a request whose body passed `maxBodyBytes` and was discarded.
    func respond(to request: HTTPRequest, bodyTooLarge: Bool, startedAt: ContinuousClock.Instant) -> HTTPResponse {
        respond(to: request, startedAt: startedAt) { context in
            if bodyTooLarge { return problem(bodyTooLargeError(), context: context) }
            return dispatch(request, match: match(request), context: context)
        }
    }

    /// Finds the route of `request`, so that a server can decide where to run its handler before
    /// passing the match to `respond(to:match:startedAt:)`.
    func match(_ request: HTTPRequest) -> Router.Match {
        router.match(method: request.method, path: request.path)
    }

    /// Builds the response to `request` with the route that `match(_:)` found for it.
    func respond(to request: HTTPRequest, match: Router.Match, startedAt: ContinuousClock.Instant) -> HTTPResponse {
        respond(to: request, startedAt: startedAt) { context in
            dispatch(request, match: match, context: context)
        }
    }

    /// Builds the 503 response, with `Retry-After`, to a request whose handler the server has no
    /// room to run: `server.busy`, or `server.shutting_down` once the server has begun to stop.
    /// The access log and metrics count it under its route.
    func respondBusy(
        to request: HTTPRequest, match: Router.Match, retryAfterSeconds: Int, shuttingDown: Bool = false,
        startedAt: ContinuousClock.Instant
    ) -> HTTPResponse {
        respond(to: request, startedAt: startedAt) { context in
            if case .found(let pattern, _, _, _) = match { context.route = pattern }
            let retry: [String: JSONValue] = ["retry_after": .number(Double(retryAfterSeconds))]
            let busy =
                shuttingDown
                ? AppError(
                    .unavailable, code: "server.shutting_down",
                    detail: "This service instance is shutting down; retry in \(retryAfterSeconds) s, when another "
                        + "instance or its restart answers.",
                    extensions: retry)
                : AppError(
                    .unavailable, code: "server.busy",
                    detail: "The server is busy with other long-running requests; retry in \(retryAfterSeconds) s.",
                    extensions: retry)
            return problem(busy, context: context)
        }
    }

    /// Gives the request its id and context, lets `produce` build the response, then writes the
    /// access log line and the metrics.
    private func respond(
        to request: HTTPRequest, startedAt: ContinuousClock.Instant, produce: (RequestContext) -> HTTPResponse
    ) -> HTTPResponse {
        let requestID = RequestID.accept(request.headers["X-Request-ID"])
        var requestLogger = logger
        requestLogger[metadataKey: "request.id"] = requestID
        let context = RequestContext(requestID: requestID, logger: requestLogger, request: request, tenancy: tenancy)

        var response = produce(context)
        response.headers["X-Request-ID"] = requestID

        recordAccess(method: request.method, status: response.status, context: context, startedAt: startedAt)
        return response
    }

    private func dispatch(_ request: HTTPRequest, match: Router.Match, context: RequestContext) -> HTTPResponse {
        switch match {
        case .notFound:
            let detail = "No route matches \(request.method) \(request.path)."
            return problem(AppError(.notFound, code: "route.not_found", detail: detail), context: context)
        case .methodNotAllowed(let allowed):
            return problem(methodNotAllowedError(request.method, allowed: allowed), context: context)
        case .invalidPathEncoding(let parameter):
            let error = AppError.malformedEscape(
                code: "request.invalid_path_encoding",
                in: "The path segment for \(parameter) has a malformed percent escape", names: [parameter])
            return problem(error, context: context)
        case .found(let pattern, let parameters, let handler, _):
            var routed = request
            routed.pathParameters = parameters
            context.route = pattern
            do {
                return try handler(routed, context)
            } catch {
                return errorResponse(for: error, context: context)
            }
        }
    }

    private func methodNotAllowedError(_ method: HTTPMethod, allowed: [HTTPMethod]) -> AppError {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        return AppError(
            .methodNotAllowed, code: "route.method_not_allowed",
            detail: "\(method) is not allowed on this path; use one of \(allow).",
            extensions: ["allow": .string(allow)])
    }

    private func bodyTooLargeError() -> AppError {
        AppError(
            .payloadTooLarge, code: "request.body_too_large",
            detail: "The request body exceeds the limit of \(maxBodyBytes) bytes.",
            extensions: ["limit": .number(Double(maxBodyBytes))])
    }

    private func recordAccess(method: HTTPMethod, status: Int, context: RequestContext, startedAt: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - startedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let methodLabel = Self.metricsLabel(for: method)

        // The context's logger already carries request.id, and tenant.id once a handler resolved it.
        context.logger.info("request", [
            "method": methodLabel, "route": context.route, "status": String(status),
            "duration_ms": NumberText.milliseconds(seconds),
        ])
        metrics.recordRequest(method: methodLabel, route: context.route, status: status, seconds: seconds)
    }

    private static let knownMethods: Set<HTTPMethod> = [.get, .head, .post, .put, .patch, .delete, .options]

    // Clients may send any token as a method; folding the unknown ones keeps the metric's label set small.
    private static func metricsLabel(for method: HTTPMethod) -> String {
        knownMethods.contains(method) ? method.rawValue : "OTHER"
    }
}
