import CommonKernel
import FoundationEssentials

/// A customer's email address, checked for the common `local@domain.tld` form.
///
/// The domain is stored in lower case; the local part keeps its case because RFC 5321 lets a
/// mail server treat it as case-sensitive. Matching uses `matchKey`, which lower-cases both.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    /// The maximum length of an address in bytes, the limit of a forward path in RFC 5321.
    public static let maximumLength = 254

    /// Validates `text` after trimming white space.
    ///
    /// Throws `AppError(.invalidInput)` whose field error names `field` in these cases. The
    /// address is longer than `maximumLength` or lacks exactly one `@`. The local part is longer
    /// than 64 characters or has characters outside RFC 5322's unquoted set. The domain is not
    /// dotted ASCII labels ending in a top-level domain of at least two letters.
    public init(_ text: String, field: String = "email") throws {
        var errors: [FieldError] = []
        guard let address = EmailAddress.validate(text, field: field, errors: &errors) else {
            throw AppError.invalid(errors)
        }
        self = address
    }

    private init(checked value: String) {
        self.value = value
    }

    /// Returns the validated address, or nil after appending the reason to `errors`.
    public static func validate(_ text: String, field: String, errors: inout [FieldError]) -> EmailAddress? {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let problem: String?
        if trimmed.isEmpty {
            problem = "must not be empty"
        } else if trimmed.utf8.count > maximumLength {
            problem = "must be at most \(maximumLength) characters"
        } else if parts.count != 2 {
            problem = "must contain exactly one '@', as in name@example.com"
        } else if !isValidLocalPart(parts[0]) {
            problem = "has an invalid part before '@'"
        } else if !isValidDomain(parts[1]) {
            problem = "has an invalid domain after '@'; expected a domain such as example.com"
        } else {
            problem = nil
        }
        if let problem {
            errors.append(FieldError(field: field, message: problem, code: "invalid_email"))
            return nil
        }
        return EmailAddress(checked: "\(parts[0])@\(parts[1].lowercased())")
    }

    /// The address in lower case, for matching an order's email with what a customer types.
    public var matchKey: String { value.lowercased() }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try EmailAddress(container.decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    private static let localCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.")

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard (1...64).contains(local.count), local.allSatisfy(localCharacters.contains) else { return false }
        return local.first != "." && local.last != "." && !local.containsBytes(of: "..")
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.count <= 253 else { return false }
        let validLabel = { (label: Substring) in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard labels.allSatisfy(validLabel), let topLevel = labels.last else { return false }
        return topLevel.count >= 2 && (topLevel.allSatisfy(\.isLetter) || topLevel.hasPrefix("xn--"))
    }
}
