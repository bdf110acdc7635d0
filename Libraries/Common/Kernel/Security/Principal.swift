import FoundationEssentials

/// A role a caller can hold.
public enum Role: String, Sendable, Codable, CaseIterable {
    case platformAdmin = "platform_admin"
    case owner
    case staff
    case customer
}

/// A caller proven by a verified token.
public struct Principal: Sendable, Equatable, Codable {
    public var userID: UUID
    public var role: Role
    /// The tenant the token was issued for; nil only for platform admins.
    public var tenantID: UUID?
    public var email: String
    public var expiresAt: Date
    /// True while the user's password is still the generated one, so the token may only change it.
    public var passwordChangeRequired: Bool
    /// When the token was issued. `TokenService.issue` uses it as the `iat` claim when set, and
    /// `verify` fills it in from the claim.
    public var issuedAt: Date?

    public init(userID: UUID, role: Role, tenantID: UUID?, email: String, expiresAt: Date,
                passwordChangeRequired: Bool = false, issuedAt: Date? = nil) {
        self.userID = userID
        self.role = role
        self.tenantID = tenantID
        self.email = email
        self.expiresAt = expiresAt
        self.passwordChangeRequired = passwordChangeRequired
        self.issuedAt = issuedAt
    }
}

/// Issues and verifies signed access tokens.
public protocol TokenService: Sendable {
    /// Signs a token for `principal` that expires at `principal.expiresAt` and was issued at
    /// `principal.issuedAt`, or now when that is nil.
    func issue(_ principal: Principal) throws -> String
    /// Returns the principal of a well-signed, unexpired token; throws `unauthorized` otherwise.
    func verify(_ token: String) throws -> Principal
}

/// Hashes and verifies passwords with a per-password random salt.
public protocol PasswordHasher: Sendable {
    /// Returns a self-describing encoded hash that embeds the salt and the cost parameters.
    func hash(_ password: String) throws -> String
    /// Compares in constant time; returns false for a malformed hash.
    func verify(_ password: String, against encodedHash: String) -> Bool
}
