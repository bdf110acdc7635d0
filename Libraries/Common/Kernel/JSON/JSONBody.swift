import FoundationEssentials

/// Reads a JSON object field by field, collecting every problem instead of stopping at the first.
///
/// Call `finish()` after reading: it rejects fields that were never read as unknown and throws
/// one `invalidInput` error listing every field error, so a handler validates completely before
/// it changes anything.
public struct JSONBody {
    private let members: [String: JSONValue]
    private let prefix: String
    private var readKeys: Set<String> = []
    public private(set) var errors: [FieldError] = []

    /// Parses the body of `request` after checking that its `Content-Type` is JSON; throws 415
    /// for another media type and the problems of `init(bytes:)`.
    public init(request: HTTPRequest) throws {
        try request.requireJSONMediaType()
        try self.init(bytes: request.body)
    }

    /// Parses `bytes` as a JSON object; throws a problem for empty bodies, bad JSON or non-objects.
    public init(bytes: [UInt8]) throws {
        guard !bytes.isEmpty else {
            throw AppError(.invalidInput, code: "request.body_missing", detail: "The request body is empty; send a JSON object.")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch where error.reason == .duplicateKey {
            throw AppError.invalid(
                [FieldError(field: error.path, message: "appears more than once in its object; send each field once", code: "duplicate_field")],
                detail: "The request body names \(error.path) twice; send each field once.")
        } catch {
            throw AppError(.invalidInput, code: "request.malformed_json", detail: "The request body is not valid JSON: \(error.message).")
        }
        guard case .object(let members) = value else {
            throw AppError(.invalidInput, code: "request.not_an_object", detail: "The request body must be a JSON object, not \(value.typeName).")
        }
        self.init(members: members, prefix: "")
    }

    public init(members: [String: JSONValue], prefix: String) {
        self.members = members
        self.prefix = prefix
    }

    public func contains(_ key: String) -> Bool { members[key] != nil }

    private func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    public mutating func fail(_ key: String, _ message: String, code: String = "invalid") {
        errors.append(FieldError(field: path(key), message: message, code: code))
    }

    /// Returns the raw value of `key` and marks it read. Records `missing` when the key is required
    /// and absent or null.
    public mutating func value(_ key: String, required: Bool) -> JSONValue? {
        readKeys.insert(key)
        guard let value = members[key], value != .null else {
            if required { fail(key, "is required", code: "missing") }
            return nil
        }
        return value
    }

    public mutating func string(_ key: String, required: Bool = false, maxLength: Int = 10_000) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let text) = value else {
            fail(key, "must be a string, not \(value.typeName)", code: "wrong_type")
            return nil
        }
        if text.count > maxLength {
            fail(key, "must be at most \(maxLength) characters", code: "too_long")
            return nil
        }
        if text.unicodeScalars.contains(where: JSONBody.isForbiddenControl) {
            fail(key, "must not contain control characters other than tab and line breaks", code: "control_character")
            return nil
        }
        return text
    }

    // PostgreSQL text columns cannot store NUL, and the other C0 controls have no place in the
    // platform's text fields. Tab, line feed and carriage return stay allowed for descriptions.
    public static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
    }

    /// A string that must not be empty after trimming white space.
    public mutating func nonEmptyString(_ key: String, required: Bool = false, maxLength: Int = 10_000) -> String? {
        guard let text = string(key, required: required, maxLength: maxLength) else { return nil }
        let trimmed = text.trimmingWhitespaceAndNewlines()
        if trimmed.isEmpty {
            fail(key, "must not be empty", code: "empty")
            return nil
        }
        return trimmed
    }

    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = value(key, required: required) else { return nil }
        guard case .bool(let flag) = value else {
            fail(key, "must be a boolean, not \(value.typeName)", code: "wrong_type")
            return nil
        }
        return flag
    }

    public mutating func int(_ key: String, required: Bool = false, range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        guard case .number(let number) = value else {
            fail(key, "must be a whole number, not \(value.typeName)", code: "wrong_type")
            return nil
        }
        guard number.rounded() == number else {
            fail(key, "must be a whole number, not \(number)", code: "wrong_type")
            return nil
        }
        guard abs(number) < 9e15 else {
            fail(key, "must be between \(range.lowerBound) and \(range.upperBound)", code: "out_of_range")
            return nil
        }
        let integer = Int(number)
        if !range.contains(integer) {
            fail(key, "must be between \(range.lowerBound) and \(range.upperBound)", code: "out_of_range")
            return nil
        }
        return integer
    }

    public mutating func uuid(_ key: String, required: Bool = false) -> UUID? {
        guard let text = string(key, required: required, maxLength: 64) else { return nil }
        guard let id = UUID(uuidString: text) else {
            fail(key, "must be a UUID", code: "invalid_format")
            return nil
        }
        return id
    }

    /// Returns the nested object at `key` as a `JSONBody` whose errors carry this key as prefix.
    public mutating func object(_ key: String, required: Bool = false) -> JSONBody? {
        guard let value = value(key, required: required) else { return nil }
        guard case .object(let members) = value else {
            fail(key, "must be an object, not \(value.typeName)", code: "wrong_type")
            return nil
        }
        return JSONBody(members: members, prefix: path(key))
    }

    /// Appends the errors of a nested body, including its unknown fields.
    public mutating func merge(_ nested: JSONBody) {
        errors.append(contentsOf: nested.errors + nested.unknownFieldErrors())
    }

    private func unknownFieldErrors() -> [FieldError] {
        members.keys.filter { !readKeys.contains($0) }.sorted().map {
            FieldError(field: path($0), message: "is not a known field", code: "unknown_field")
        }
    }

    /// Throws one `invalidInput` error listing every field error and every unknown field.
    public func finish() throws {
        let all = errors + unknownFieldErrors()
        if !all.isEmpty { throw AppError.invalid(all) }
    }
}
