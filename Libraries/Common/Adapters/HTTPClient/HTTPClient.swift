import CommonKernel

/// A blocking HTTP client: the port through which a service calls other services and outside APIs.
///
/// `send` returns the response whatever its status. It throws
/// `AppError(.unavailable, code: "upstream.unreachable")` naming the host when the upstream cannot
/// be reached, the request times out, or the response cannot be read or exceeds the body limit,
/// and `AppError(.internal, code: "upstream.invalid_header")` for a header containing a line break.
/// Errors and logs never contain the request's body. Each call blocks its thread until the
/// response arrives or the timeout passes, so call it from a server thread or a dedicated one,
/// never from Swift's cooperative pool.
public protocol HTTPClient: Sendable {
    func send(method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8]) throws -> HTTPClientResponse
}

extension HTTPClient {
    /// Sends a request without headers or body unless they are given.
    public func send(
        method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) throws -> HTTPClientResponse {
        try send(method: method, url: url, headers: headers, body: body)
    }
}

extension AppError {
    /// Returns the `upstream.unreachable` error of the HTTP clients. Its detail names the host,
    /// and its `reason` extension carries the cause alone, for callers that must not show the
    /// host to their own clients.
    public static func upstreamUnreachable(host: String, reason: String) -> AppError {
        AppError(
            .unavailable, code: "upstream.unreachable", detail: "Could not reach \(host): \(reason).",
            extensions: ["reason": .string(reason)])
    }

    /// The cause of an `upstream.unreachable` error without the host, or nil for other errors.
    public var upstreamReason: String? {
        guard case .string(let reason)? = extensions["reason"], code == "upstream.unreachable" else { return nil }
        return reason
    }
}

/// Returns the time since `start` in milliseconds with three decimals, for the clients' log lines.
func upstreamMilliseconds(since start: ContinuousClock.Instant) -> String {
    let elapsed = (ContinuousClock.now - start).components
    return NumberText.milliseconds(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
}
