import CommonKernel
import FoundationEssentials
import Synchronization

/// Exchanges an e-mail and password for an access token.
///
/// On the platform host it checks platform admins; on a shop's host, that shop's staff only,
/// so a shop owner's password never opens another shop.
public struct LogIn: Sendable {
    public struct Output: Sendable {
        public var token: String
        public var principal: Principal
        /// True while the user still has a password the platform generated.
        public var passwordChangeRequired: Bool
    }

    let users: any UserRepository
    let hasher: any PasswordHasher
    let tokens: any TokenService
    let tokenLifetime: TimeInterval
    let now: @Sendable () -> Date
    /// Verified when no user matches, so that unknown e-mails take as long as wrong passwords.
    let decoy: DecoyHash

    public init(users: any UserRepository, hasher: any PasswordHasher, tokens: any TokenService,
                tokenLifetime: TimeInterval = 8 * 3600, now: @escaping @Sendable () -> Date = Date.init) {
        self.users = users
        self.hasher = hasher
        self.tokens = tokens
        self.tokenLifetime = tokenLifetime
        self.now = now
        decoy = DecoyHash(hasher: hasher)
    }

    public func callAsFunction(email rawEmail: String, password: String, scope: RequestScope) throws -> Output {
        let email = rawEmail.trimmingWhitespace().lowercased()
        // The token counts as issued before the stored hash is read, so that a login which read
        // the hash a password change then replaced gets a token the change revokes.
        let issued = now()
        let expires = issued.addingTimeInterval(tokenLifetime)
        let principal: Principal?
        var changeRequired = false
        switch scope {
        case .platform:
            let admin = try users.platformAdmin(email: email)
            let matches = hasher.verify(password, against: try admin?.passwordHash ?? decoy.value())
            principal = (admin != nil && matches)
                ? Principal(userID: admin!.id, role: .platformAdmin, tenantID: nil, email: email, expiresAt: expires,
                            issuedAt: issued) : nil
        case .tenant(let tenant):
            let user = try users.staff(tenantID: tenant.id, email: email)
            let matches = hasher.verify(password, against: try user?.passwordHash ?? decoy.value())
            changeRequired = user?.mustChangePassword ?? false
            principal = (user != nil && matches)
                ? Principal(userID: user!.id, role: user!.role, tenantID: tenant.id, email: email, expiresAt: expires,
                            passwordChangeRequired: changeRequired, issuedAt: issued) : nil
        }
        guard let principal else {
            throw AppError(.unauthorized, code: "auth.invalid_credentials", detail: "The e-mail or password is wrong.")
        }
        return Output(token: try tokens.issue(principal), principal: principal, passwordChangeRequired: changeRequired)
    }
}

/// A hash of a password that no user has. It is computed on the first login rather than at
/// start-up, so a process that serves no login never sets up the hasher's random source.
final class DecoyHash: Sendable {
    private let hasher: any PasswordHasher
    private let computed = Mutex<String?>(nil)

    init(hasher: any PasswordHasher) {
        self.hasher = hasher
    }

    /// Returns the hash, computing it under the lock on the first call.
    func value() throws -> String {
        try computed.withLock { stored in
            if let stored { return stored }
            let hash = try hasher.hash("decoy password that matches nothing")
            stored = hash
            return hash
        }
    }
}
