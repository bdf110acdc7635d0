import CommonKernel
import FoundationEssentials

/// Replaces the caller's password after checking the current one, then revokes every token of
/// the caller issued before the change, including the one sent with this request.
public struct ChangePassword: Sendable {
    public static let minimumLength = 12

    let users: any UserRepository
    let hasher: any PasswordHasher
    let revocations: any TokenRevocations
    let now: @Sendable () -> Date

    public init(users: any UserRepository, hasher: any PasswordHasher, revocations: any TokenRevocations,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.users = users
        self.hasher = hasher
        self.revocations = revocations
        self.now = now
    }

    /// Throws `invalidInput` for a new password that is too short or unchanged, `forbidden` for a
    /// wrong current password, and `unavailable` (`auth.revocation_unavailable`) when the password
    /// was changed but the older tokens could not be revoked.
    public func callAsFunction(principal: Principal, currentPassword: String, newPassword: String) throws {
        if newPassword.count < Self.minimumLength {
            throw AppError.invalidField("new_password", "must be at least \(Self.minimumLength) characters", code: "too_short")
        }
        if newPassword == currentPassword {
            throw AppError.invalidField("new_password", "must differ from the current password", code: "unchanged")
        }
        let storedHash: String?
        if let tenantID = principal.tenantID {
            storedHash = try users.staff(tenantID: tenantID, id: principal.userID)?.passwordHash
        } else {
            storedHash = try users.platformAdmin(id: principal.userID)?.passwordHash
        }
        guard let storedHash, hasher.verify(currentPassword, against: storedHash) else {
            throw AppError(.forbidden, code: "auth.current_password_wrong", detail: "The current password is wrong.",
                           fieldErrors: [FieldError(field: "current_password", message: "is wrong", code: "wrong")])
        }
        let newHash = try hasher.hash(newPassword)
        if let tenantID = principal.tenantID {
            try users.updateStaffPassword(tenantID: tenantID, userID: principal.userID, passwordHash: newHash)
        } else {
            try users.updatePlatformAdminPassword(id: principal.userID, passwordHash: newHash)
        }
        // Taken after the new hash is stored: every login that read the old hash took its issue
        // time earlier (see `LogIn`), so its token falls before this instant.
        try revokeOlderTokens(of: principal.userID, at: now())
    }

    private func revokeOlderTokens(of userID: UUID, at instant: Date) throws {
        do {
            try revocations.revokeTokens(of: userID, issuedBefore: instant)
        } catch {
            throw AppError(
                .unavailable, code: "auth.revocation_unavailable",
                detail: "The password was changed, but tokens issued before could not be revoked: change it again later to revoke them.")
        }
    }
}
