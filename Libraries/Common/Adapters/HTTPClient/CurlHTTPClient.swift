import CCurl
import CCurlShim
import CommonKernel
import FoundationEssentials
import Synchronization

/// A blocking HTTP client on libcurl, safe to share between threads.
///
/// Handles are pooled, so sequential requests to one upstream reuse its keep-alive connection.
/// Each call blocks its thread until the response arrives or the timeout passes: call it from a
/// server thread or a dedicated one, never from Swift's cooperative pool.
public final class CurlHTTPClient: HTTPClient {
    /// The largest response body accepted; a larger one fails the request.
    public static let maxResponseBytes = 64 << 20
    static let maxIdleHandles = 32

    private let timeoutMilliseconds: Int
    private let logger: Logger
    private let idleHandles = Mutex<[CurlEasyHandle]>([])

    /// Creates a client whose requests each fail after `timeoutSeconds` in total.
    ///
    /// libcurl is set up on the first request, not here: its set-up loads OpenSSL's
    /// configuration, about 2 MB of resident memory that a service which never calls out
    /// should not carry.
    public init(timeoutSeconds: Double = 5, logger: Logger) {
        timeoutMilliseconds = max(1, Int(timeoutSeconds * 1000))
        self.logger = logger
    }

    /// Sends one request and returns the response whatever its status.
    ///
    /// Throws `AppError(.unavailable, code: "upstream.unreachable")` naming the host when the
    /// upstream cannot be reached, times out, or sends a body over `maxResponseBytes`. Throws
    /// `internal` for a header containing a line break. The request body never appears in errors
    /// or logs.
    public func send(
        method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) throws -> HTTPClientResponse {
        let started = ContinuousClock.now
        let handle = try checkOut(url: url)
        defer { checkIn(handle) }

        do {
            let response = try handle.perform(
                method: method, url: url, headers: headers, body: body, timeoutMilliseconds: timeoutMilliseconds,
                maxResponseBytes: Self.maxResponseBytes)
            // Parsing the host and formatting the duration cost more than the request's own
            // bookkeeping, so they happen only when the line is written.
            if logger.logLevel <= .debug {
                logger.debug("upstream response", [
                    "method": method.rawValue, "host": Self.host(of: url), "status": String(response.status),
                    "duration_ms": upstreamMilliseconds(since: started),
                ])
            }
            return response
        } catch let error as CurlError {
            let host = Self.host(of: url)
            logger.warning("upstream request failed", ["method": method.rawValue, "host": host, "error": error.message])
            throw AppError.upstreamUnreachable(host: host, reason: String(cString: ccurl_easy_strerror(error.code)))
        }
    }

    private static func host(of url: String) -> String {
        URLComponents(string: url)?.host ?? "the upstream"
    }

    private func checkOut(url: String) throws -> CurlEasyHandle {
        if let handle = idleHandles.withLock({ $0.popLast() }) { return handle }
        let setUp = CurlGlobal.initialization
        guard setUp.code == CURLE_OK, let handle = CurlEasyHandle() else {
            let reason = setUp.code == CURLE_OK ? "no libcurl handle" : setUp.reason
            logger.error("libcurl initialization failed", ["error": reason])
            throw AppError.upstreamUnreachable(host: Self.host(of: url), reason: "libcurl could not be initialized")
        }
        return handle
    }

    private func checkIn(_ handle: CurlEasyHandle) {
        idleHandles.withLock { handles in
            if handles.count < Self.maxIdleHandles { handles.append(handle) }
        }
    }
}

/// libcurl's process-wide set-up: loading the library, then `curl_global_init`.
enum CurlGlobal {
    /// The result of the set-up and, when it failed, the reason. `curl_global_init` is not
    /// thread-safe, but Swift runs the initializer of a static property once, on first use, and
    /// makes concurrent first uses wait for it.
    static let initialization: (code: CURLcode, reason: String) = {
        guard ccurl_load() == 1 else {
            let reason = ccurl_load_error().map { String(cString: $0) } ?? "libcurl could not be loaded"
            return (CURLE_FAILED_INIT, reason)
        }
        let code = ccurl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return (code, String(cString: ccurl_easy_strerror(code)))
    }()
}
