import FoundationEssentials

/// An HTTP response with its whole body in memory.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Encodes `value` as JSON with snake_case keys and RFC 3339 times.
    public static func json<T: Encodable>(_ value: T, status: Int = 200) throws -> HTTPResponse {
        let data = try JSONCoding.encoder.encode(value)
        return HTTPResponse(status: status, contentType: "application/json", body: Array(data))
    }

    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, contentType: contentType, body: Array(text.utf8))
    }

    public static func noContent() -> HTTPResponse { HTTPResponse(status: 204) }

    public init(status: Int, contentType: String, body: [UInt8]) {
        var headers = HTTPHeaders()
        headers["Content-Type"] = contentType
        self.init(status: status, headers: headers, body: body)
    }
}
