import FoundationEssentials
import CommonKernel

/// Rules for a shop's subdomain label.
public enum Subdomain {
    /// Labels that belong to the platform itself and can never name a shop.
    public static let reserved: Set<String> = [
        "admin", "api", "www", "mail", "smtp", "imap", "pop", "ftp", "static", "assets", "cdn", "status",
        "help", "support", "docs", "blog", "app", "dashboard", "billing", "internal", "localhost", "ns1", "ns2",
    ]

    /// Returns the lower-cased label, or the reason it cannot be a subdomain.
    public static func validate(_ raw: String) -> Result<String, FieldError> {
        let label = raw.trimmingWhitespace().lowercased()
        guard (3...63).contains(label.count) else {
            return .failure(FieldError(field: "subdomain", message: "must be 3 to 63 characters long", code: "invalid_length"))
        }
        guard HostName.isValidLabel(label) else {
            return .failure(FieldError(
                field: "subdomain",
                message: "may contain only a-z, 0-9 and inner hyphens (a DNS label)", code: "invalid_format"))
        }
        guard !label.hasPrefix("xn--") else {
            return .failure(FieldError(field: "subdomain", message: "must not start with xn--", code: "invalid_format"))
        }
        guard !reserved.contains(label) else {
            return .failure(FieldError(field: "subdomain", message: "'\(label)' is reserved by the platform", code: "reserved"))
        }
        return .success(label)
    }
}

