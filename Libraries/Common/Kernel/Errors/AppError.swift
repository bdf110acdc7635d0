import FoundationEssentials

/// An error that use cases throw, carrying its kind and a stable code but no HTTP status.
///
/// The HTTP layer maps `kind` to a status in one place (`HTTPStatus.forErrorKind`).
/// `detail` is shown to clients, so it must never contain secrets or SQL.
public struct AppError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A request that cannot be read as meant, such as one with a query parameter sent twice.
        case badRequest
        case invalidInput
        case notFound
        case conflict
        case unauthorized
        case forbidden
        case paymentRequired
        case payloadTooLarge
        case unsupportedMediaType
        case methodNotAllowed
        case tooManyRequests
        case unavailable
        case `internal`
    }

    public var kind: Kind
    /// A stable, dotted identifier such as `tenant.subdomain_taken`.
    public var code: String
    public var detail: String
    public var fieldErrors: [FieldError]
    /// Extra members written into the problem document, such as `allow` or `limit`.
    public var extensions: [String: JSONValue]
    public var file: String
    public var line: Int

    public init(
        _ kind: Kind, code: String, detail: String, fieldErrors: [FieldError] = [],
        extensions: [String: JSONValue] = [:], file: String = #fileID, line: Int = #line
    ) {
        self.kind = kind
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.extensions = extensions
        self.file = file
        self.line = line
    }

    public var description: String { "\(kind.rawValue) \(code): \(detail) (\(file):\(line))" }
}

/// One rejected input field: where it is and why it was rejected.
public struct FieldError: Error, Sendable, Equatable, Codable {
    /// A JSON pointer-like path such as `shipping_address.postcode` or `variants[2].sku`.
    public var field: String
    public var message: String
    public var code: String

    public init(field: String, message: String, code: String = "invalid") {
        self.field = field
        self.message = message
        self.code = code
    }
}

extension AppError {
    public static func invalid(
        _ fieldErrors: [FieldError], detail: String? = nil, file: String = #fileID, line: Int = #line
    ) -> AppError {
        let summary = fieldErrors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        return AppError(
            .invalidInput, code: "request.invalid_fields",
            detail: detail ?? "The request has invalid fields: \(summary)",
            fieldErrors: fieldErrors, file: file, line: line)
    }

    public static func invalidField(
        _ field: String, _ message: String, code: String = "invalid",
        file: String = #fileID, line: Int = #line
    ) -> AppError {
        invalid([FieldError(field: field, message: message, code: code)], file: file, line: line)
    }

    public static func notFound(
        _ what: String, code: String, file: String = #fileID, line: Int = #line
    ) -> AppError {
        AppError(.notFound, code: code, detail: "\(what) not found", file: file, line: line)
    }
}
