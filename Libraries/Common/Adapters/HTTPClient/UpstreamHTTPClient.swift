import CommonKernel
import Synchronization

/// The HTTP client of a service: `http://` URLs go through `SocketHTTPClient`, and any other
/// URL, such as a payment gateway's `https://` one, through a `CurlHTTPClient`.
///
/// The libcurl client is created on the first request that needs it, so libcurl's and OpenSSL's
/// set-up (about 2 MB of resident memory) happens only in a process that calls such a URL.
public final class UpstreamHTTPClient: HTTPClient {
    private let timeoutSeconds: Double
    private let logger: Logger
    private let sockets: SocketHTTPClient
    private let curl = Mutex<CurlHTTPClient?>(nil)

    /// Creates a client whose requests each fail after `timeoutSeconds` in total.
    public init(timeoutSeconds: Double = 5, logger: Logger) {
        self.timeoutSeconds = timeoutSeconds
        self.logger = logger
        sockets = SocketHTTPClient(timeoutSeconds: timeoutSeconds, logger: logger)
    }

    /// Sends one request through the client for its URL's scheme; see `HTTPClient` for the errors.
    public func send(method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8]) throws -> HTTPClientResponse {
        if SocketHTTPClient.accepts(url: url) {
            return try sockets.send(method: method, url: url, headers: headers, body: body)
        }
        return try curlClient().send(method: method, url: url, headers: headers, body: body)
    }

    /// Returns true once a request has gone through libcurl.
    var hasCreatedCurlClient: Bool { curl.withLock { $0 != nil } }

    private func curlClient() -> CurlHTTPClient {
        curl.withLock { client in
            if let client { return client }
            let created = CurlHTTPClient(timeoutSeconds: timeoutSeconds, logger: logger)
            client = created
            return created
        }
    }
}
