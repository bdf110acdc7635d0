import FoundationEssentials

/// One HTTP request as a handler sees it: the body is complete and within the size limit.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The path without the query string, percent-decoding left to the router's parameters.
    public var path: String
    /// The query parameters by name, with the first value of a name sent more than once.
    public var query: [String: String]
    /// The query parameter names sent more than once, in order of their first repeat. The
    /// router rejects such a request before its handler runs (`requireSingleQueryValues`).
    public var repeatedQueryNames: [String] = []
    /// The query parameters, as sent, whose name or value has a malformed percent escape or
    /// escapes bytes that are not UTF-8. The router rejects such a request as well
    /// (`requireDecodableQuery`).
    public var malformedQueryNames: [String] = []
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Values of `{name}` segments of the matched route.
    public var pathParameters: [String: String] = [:]

    public init(
        method: HTTPMethod, path: String, query: [String: String] = [:],
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of a `{name}` path segment; throws 404 when the route has no such segment.
    public func parameter(_ name: String) throws -> String {
        guard let value = pathParameters[name] else {
            throw AppError(.notFound, code: "route.parameter_missing", detail: "Missing path parameter \(name)")
        }
        return value
    }

    /// The value of a `{name}` path segment parsed as a UUID; throws 404 when it is not one.
    public func uuidParameter(_ name: String, resource: String) throws -> UUID {
        guard let id = UUID(uuidString: try parameter(name)) else {
            throw AppError.notFound(resource, code: "\(resource.lowercased().replacingAll(" ", with: "_")).not_found")
        }
        return id
    }

    /// Throws 415 when the request has a body labelled with a media type other than JSON
    /// (`application/json` or a `+json` type). A body without a `Content-Type` passes.
    public func requireJSONMediaType() throws {
        guard !body.isEmpty, let contentType = headers["Content-Type"] else { return }
        let mediaType = contentType.split(separator: ";", omittingEmptySubsequences: false)[0]
            .trimmingWhitespace().lowercased()
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw AppError(.unsupportedMediaType, code: "request.unsupported_media_type",
                           detail: "The body is \(mediaType.isEmpty ? "of no media type" : mediaType); send it as application/json.")
        }
    }
}
