import FoundationEssentials

/// An RFC 9457 problem document with the platform's extension members.
public struct Problem: Sendable {
    public var status: Int
    public var title: String
    public var detail: String
    public var code: String
    public var fieldErrors: [FieldError]
    public var requestID: String?
    public var extensions: [String: JSONValue]

    public init(error: AppError, requestID: String?) {
        status = HTTPStatus.forErrorKind(error.kind)
        title = HTTPStatus.reasonPhrase(status)
        detail = error.detail
        code = error.code
        fieldErrors = error.fieldErrors
        self.requestID = requestID
        extensions = error.extensions
    }

    /// The JSON object: `type`, `title`, `status`, `detail`, `code`, `errors`, `request_id`.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = extensions
        object["type"] = .string("https://docs.commerce.invalid/problems/\(code)")
        object["title"] = .string(title)
        object["status"] = .number(Double(status))
        object["detail"] = .string(detail)
        object["code"] = .string(code)
        if !fieldErrors.isEmpty {
            object["errors"] = .array(fieldErrors.map { error in
                .object(["field": .string(error.field), "message": .string(error.message), "code": .string(error.code)])
            })
        }
        if let requestID { object["request_id"] = .string(requestID) }
        return .object(object)
    }

    public var response: HTTPResponse {
        var response = HTTPResponse(
            status: status, contentType: "application/problem+json", body: Array(jsonValue.serialized().utf8))
        if case .string(let allow)? = extensions["allow"] { response.headers["Allow"] = allow }
        if case .number(let seconds)? = extensions["retry_after"] { response.headers["Retry-After"] = String(Int(seconds)) }
        return response
    }
}
