import CommonKernel
import FoundationEssentials

/// A blocking HTTP/1.1 client for `http://` URLs over plain TCP sockets, safe to share between
/// threads. It loads no TLS library, so a service whose calls all stay inside the deployment
/// never sets up libcurl and OpenSSL.
///
/// Connections are kept open between requests, at most `maxIdleConnections` idle ones per client,
/// and a request to the same host and port reuses the most recent. When the upstream closed a
/// reused connection before the response's first byte, the request is sent once more on a new
/// connection. Timeout, body limit, errors and log lines are those of `CurlHTTPClient`.
public final class SocketHTTPClient: HTTPClient {
    static let maxIdleConnections = 32

    private let timeoutMilliseconds: Int
    private let logger: Logger
    private let reader: HTTPResponseReader
    private let pool = HTTPConnectionPool(maxIdleConnections: SocketHTTPClient.maxIdleConnections)

    /// Creates a client whose requests each fail after `timeoutSeconds` in total: resolving the
    /// host, connecting, sending and receiving, a second attempt included.
    public convenience init(timeoutSeconds: Double = 5, logger: Logger) {
        self.init(timeoutSeconds: timeoutSeconds, logger: logger, maxResponseBytes: CurlHTTPClient.maxResponseBytes)
    }

    init(timeoutSeconds: Double, logger: Logger, maxResponseBytes: Int) {
        timeoutMilliseconds = max(1, Int(timeoutSeconds * 1000))
        self.logger = logger
        reader = HTTPResponseReader(maxBodyBytes: maxResponseBytes)
    }

    /// The number of connections kept open for later requests.
    var idleConnectionCount: Int { pool.count }

    /// Returns true for the URLs this client sends: those starting with `http://`.
    static func accepts(url: String) -> Bool {
        HTTPURL.hasHTTPScheme(url)
    }

    /// Sends one request and returns the response whatever its status.
    ///
    /// Throws `AppError(.unavailable, code: "upstream.unreachable")` naming the host when the URL
    /// is not an `http://` URL, or the upstream cannot be reached, times out, or sends a response
    /// that breaks HTTP/1.1 or exceeds the header or body limit. Throws `internal` for a header
    /// containing a line break or a method or header name that is not a token, before anything
    /// is sent. The request body never appears in errors or logs.
    public func send(method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8]) throws -> HTTPClientResponse {
        try HTTPRequestHead.validate(headers)
        guard HTTPRequestHead.isToken(method.rawValue) else {
            throw AppError(.internal, code: "upstream.invalid_method", detail: "The request method \(method) is not a valid HTTP method.")
        }
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(timeoutMilliseconds)
        let target = HTTPURL(url)

        do {
            guard let target else { throw HTTPTransportError.invalidURL }
            let request = HTTPRequestHead.serialize(method: method, url: target, headers: headers, body: body)
            let keepAlive = !HTTPRequestHead.asksToClose(headers)
            let response = try exchange(request, method: method, url: target, keepAlive: keepAlive, deadline: deadline)
            if logger.logLevel <= .debug {
                logger.debug("upstream response", [
                    "method": method.rawValue, "host": target.host, "status": String(response.status),
                    "duration_ms": upstreamMilliseconds(since: started),
                ])
            }
            return response
        } catch let error as HTTPTransportError {
            let host = target?.host ?? URLComponents(string: url)?.host ?? "the upstream"
            let reason = error.reason(timeoutMilliseconds: timeoutMilliseconds)
            // The port distinguishes services that share a host, such as every service on one machine.
            logger.warning("upstream request failed", [
                "method": method.rawValue, "host": host, "upstream": target?.authority ?? host, "error": reason,
            ])
            throw AppError.upstreamUnreachable(host: host, reason: reason)
        }
    }

    /// Sends the request on an idle connection when one is open, and on a new one when there is
    /// none or the idle one turns out closed by the upstream.
    private func exchange(
        _ request: [UInt8], method: HTTPMethod, url: HTTPURL, keepAlive: Bool, deadline: ContinuousClock.Instant
    ) throws -> HTTPClientResponse {
        if let pooled = pool.checkOut(authority: url.authority) {
            do {
                return try exchange(request, on: pooled, method: method, url: url, keepAlive: keepAlive, deadline: deadline)
            } catch let error as HTTPTransportError where error.isStaleConnection(receivedBytes: pooled.receivedBytes) {
                logger.debug("upstream closed an idle connection, sending again on a new one", [
                    "method": method.rawValue, "host": url.host, "error": error.reason(timeoutMilliseconds: timeoutMilliseconds),
                ])
            }
        }
        let connection = try TCPConnection.open(host: url.host, port: url.port, deadline: deadline)
        return try exchange(request, on: connection, method: method, url: url, keepAlive: keepAlive, deadline: deadline)
    }

    private func exchange(
        _ request: [UInt8], on connection: TCPConnection, method: HTTPMethod, url: HTTPURL, keepAlive: Bool,
        deadline: ContinuousClock.Instant
    ) throws -> HTTPClientResponse {
        connection.beginExchange()
        try connection.write(request, deadline: deadline)
        let (response, reusable) = try reader.read(from: connection, method: method, deadline: deadline)
        if reusable, keepAlive { pool.checkIn(connection, authority: url.authority) }
        return response
    }
}
