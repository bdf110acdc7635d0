import CommonKernel
import Foundation

/// Replaces the caller's password after checking the current one.
public struct ChangePassword: Sendable {
    public static let minimumLength = 12

    let users: any UserRepository
    let hasher: any PasswordHasher

    public init(users: any UserRepository, hasher: any PasswordHasher) {
        self.users = users
        self.hasher = hasher
    }

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
    }
}
