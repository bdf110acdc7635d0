import CommonKernel

/// The outcome of validating a product: errors reject it, warnings only inform.
///
/// Both name the field with the API's path, such as `variants[2].price`.
public struct ValidationReport: Sendable, Equatable {
    public var errors: [FieldError] = []
    public var warnings: [FieldError] = []

    public init(errors: [FieldError] = [], warnings: [FieldError] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    public var isValid: Bool { errors.isEmpty }

    mutating func error(_ field: String, _ message: String, code: String = "invalid") {
        errors.append(FieldError(field: field, message: message, code: code))
    }

    mutating func warning(_ field: String, _ message: String, code: String) {
        warnings.append(FieldError(field: field, message: message, code: code))
    }

    /// Throws one `AppError.invalid` listing every error; does nothing when valid.
    public func throwIfInvalid() throws {
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }
}
