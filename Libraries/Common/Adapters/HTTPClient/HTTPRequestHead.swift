import CommonKernel

/// The bytes of one HTTP/1.1 request: the request line, `Host`, the caller's headers,
/// `Content-Length` and the body.
enum HTTPRequestHead {
    /// Throws `internal` for a header name or value containing CR or LF, which could forge
    /// further headers, and for a name that is not an HTTP token. `CurlHeaderList` rejects line
    /// breaks with the same error.
    static func validate(_ headers: HTTPHeaders) throws {
        for (name, value) in headers {
            guard !containsLineBreak(name), !containsLineBreak(value) else {
                throw AppError(.internal, code: "upstream.invalid_header", detail: "The request header \(name) contains a line break.")
            }
            guard isToken(name) else {
                throw AppError(.internal, code: "upstream.invalid_header", detail: "The request header name \(name) is not a valid field name.")
            }
        }
    }

    /// Returns the request's bytes. The caller's `Host` replaces the one taken from the URL, and
    /// the caller's `Content-Length` is left out because the length of `body` decides it.
    /// `Content-Length` is sent when there is a body, and with 0 for POST, PUT and PATCH without
    /// one, since servers may reject those with 411 Length Required otherwise.
    static func serialize(method: HTTPMethod, url: HTTPURL, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var head = "\(method.rawValue) \(url.target) HTTP/1.1\r\n"
        if headers["Host"] == nil { head += "Host: \(url.hostHeader)\r\n" }
        for (name, value) in headers where !HTTPResponseHead.isSameName(name, "Content-Length") {
            head += value.isEmpty ? "\(name):\r\n" : "\(name): \(value)\r\n"
        }
        if !body.isEmpty || [HTTPMethod.post, .put, .patch].contains(method) {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"

        var bytes = Array(head.utf8)
        bytes.append(contentsOf: body)
        return bytes
    }

    /// Returns true when the caller asked the upstream to close the connection after responding.
    static func asksToClose(_ headers: HTTPHeaders) -> Bool {
        headers.contains { HTTPResponseHead.isSameName($0.name, "Connection") && HTTPResponseHead.listContains($0.value, "close") }
    }

    /// Returns true for a valid method or field name: one or more of the token characters of
    /// RFC 9110, section 5.6.2.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func containsLineBreak(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
    }
}
