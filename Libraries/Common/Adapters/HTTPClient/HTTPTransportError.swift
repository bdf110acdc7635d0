import Glibc

/// A failure of `SocketHTTPClient` between parsing the URL and returning the response. The
/// client turns it into `upstream.unreachable` with `reason` in the detail.
enum HTTPTransportError: Error, Equatable {
    case invalidURL
    /// `getaddrinfo` failed, with `gai_strerror`'s message.
    case resolutionFailed(String)
    /// No address of the host accepted a connection; the errno of the last attempt.
    case connectionFailed(Int32)
    case timedOut
    case sendFailed(Int32)
    case receiveFailed(Int32)
    /// The upstream closed the connection before the response was complete.
    case closedEarly
    /// The response breaks HTTP/1.1's syntax or framing, as the text describes.
    case invalidResponse(String)
    case headersTooLarge(limit: Int)
    case bodyTooLarge(limit: Int)

    /// Returns true for the failures of a reused keep-alive connection that show the upstream
    /// closed it while it sat idle: the send failed with EPIPE or ECONNRESET, or the response
    /// ended with EOF or ECONNRESET before its first byte. The request can then be sent again
    /// on a new connection, because the upstream has not read it.
    func isStaleConnection(receivedBytes: Int) -> Bool {
        switch self {
        case .sendFailed(let code):
            code == EPIPE || code == ECONNRESET
        case .closedEarly:
            receivedBytes == 0
        case .receiveFailed(let code):
            receivedBytes == 0 && code == ECONNRESET
        default:
            false
        }
    }

    /// Returns the reason for `upstream.unreachable`'s detail, given the client's timeout in
    /// milliseconds.
    func reason(timeoutMilliseconds: Int) -> String {
        switch self {
        case .invalidURL:
            "the URL is not a valid http:// URL"
        case .resolutionFailed(let message):
            "could not resolve the host (\(message))"
        case .connectionFailed(let code):
            "could not connect (\(Self.message(code)))"
        case .timedOut:
            "no complete response within \(timeoutMilliseconds) ms"
        case .sendFailed(let code):
            "sending the request failed (\(Self.message(code)))"
        case .receiveFailed(let code):
            "receiving the response failed (\(Self.message(code)))"
        case .closedEarly:
            "the connection closed before the response was complete"
        case .invalidResponse(let problem):
            "invalid response: \(problem)"
        case .headersTooLarge(let limit):
            "the response headers exceed \(limit) bytes"
        case .bodyTooLarge(let limit):
            "the response body exceeds \(limit) bytes"
        }
    }

    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
