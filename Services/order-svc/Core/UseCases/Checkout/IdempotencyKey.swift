import CommonKernel

/// The rules for the `Idempotency-Key` header of a checkout.
public enum IdempotencyKey {
    /// The maximum length of a key, in bytes.
    public static let maximumLength = 255

    /// Returns the key when it has 1 to 255 visible ASCII characters.
    ///
    /// Throws `AppError(.invalidInput)` naming the header: code `idempotency.key_missing` when
    /// it is absent or empty, `idempotency.key_invalid` otherwise.
    public static func validate(_ key: String?) throws -> String {
        guard let key, !key.isEmpty else {
            throw AppError(
                .invalidInput, code: "idempotency.key_missing",
                detail: "Checkout needs an Idempotency-Key header, such as a UUID made once per order attempt.",
                fieldErrors: [FieldError(field: "Idempotency-Key", message: "is required", code: "missing")])
        }
        guard key.utf8.count <= maximumLength, key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw AppError(
                .invalidInput, code: "idempotency.key_invalid",
                detail: "The Idempotency-Key must be 1 to \(maximumLength) visible ASCII characters without spaces.",
                fieldErrors: [
                    FieldError(
                        field: "Idempotency-Key", message: "must be 1 to \(maximumLength) visible ASCII characters",
                        code: "invalid")
                ])
        }
        return key
    }

    /// Returns the error for a key that was used with a different request body.
    static func reused() -> AppError {
        AppError(
            .conflict, code: "idempotency.key_reused",
            detail: "This Idempotency-Key was already used for a different checkout request. Use a new key.")
    }

    /// Returns the error for a key whose first request has not finished.
    static func inProgress() -> AppError {
        AppError(
            .conflict, code: "idempotency.in_progress",
            detail: "A checkout with this Idempotency-Key is still being processed. Retry in a few seconds.",
            extensions: ["retry_after": .number(2)])
    }
}
