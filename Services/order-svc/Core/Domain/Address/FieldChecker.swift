import CommonKernel
import FoundationEssentials

/// Collects field errors for the members of one nested input object, such as an address.
struct FieldChecker {
    let prefix: String
    private(set) var errors: [FieldError] = []

    init(prefix: String) {
        self.prefix = prefix
    }

    mutating func fail(_ member: String, _ message: String, code: String) {
        errors.append(FieldError(field: prefix.isEmpty ? member : "\(prefix).\(member)", message: message, code: code))
    }

    /// Returns `value` trimmed, recording `missing` when it is empty and `too_long` past `maximum`.
    mutating func required(_ member: String, _ value: String, maximum: Int) -> String {
        let trimmed = value.trimmingWhitespaceAndNewlines()
        if trimmed.isEmpty {
            fail(member, "is required", code: "missing")
        } else if trimmed.count > maximum {
            fail(member, "must be at most \(maximum) characters", code: "too_long")
        }
        return trimmed
    }

    /// Returns `value` trimmed, or nil when it is absent or only white space.
    mutating func optional(_ member: String, _ value: String?, maximum: Int) -> String? {
        guard let trimmed = value?.trimmingWhitespaceAndNewlines(), !trimmed.isEmpty else {
            return nil
        }
        if trimmed.count > maximum { fail(member, "must be at most \(maximum) characters", code: "too_long") }
        return trimmed
    }
}
