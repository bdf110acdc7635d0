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
