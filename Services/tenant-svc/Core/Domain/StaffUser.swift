import CommonKernel
import FoundationEssentials

/// A person who works in a shop's back office.
public struct StaffUser: Sendable, Equatable {
    public var id: UUID
    public var tenantID: UUID
    public var email: String
    public var role: Role
    public var passwordHash: String
    public var createdAt: Date
    /// Set for a password the platform generated, such as a new owner's, until the user replaces it.
    public var mustChangePassword: Bool

    public init(id: UUID, tenantID: UUID, email: String, role: Role, passwordHash: String, createdAt: Date,
                mustChangePassword: Bool = false) {
        self.mustChangePassword = mustChangePassword
        self.id = id
        self.tenantID = tenantID
        self.email = email
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// An operator of the whole platform; belongs to no tenant.
public struct PlatformAdmin: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var passwordHash: String
    public var createdAt: Date

    public init(id: UUID, email: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// E-mail address checks shared by the use cases.
public enum EmailAddress {
    /// Returns the trimmed, lower-cased address, or nil when it is not of the form local@domain.tld.
    public static func normalize(_ raw: String) -> String? {
        let email = raw.trimmingWhitespace().lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].utf8.contains(UInt8(ascii: ".")),
              !email.contains(where: { $0.isWhitespace }),
              parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty })
        else { return nil }
        return email
    }
}
