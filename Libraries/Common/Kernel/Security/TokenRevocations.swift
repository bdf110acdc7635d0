import FoundationEssentials

/// Per-user instants before which the user's access tokens are revoked, shared by every service.
///
/// tenant-svc records an instant when a user changes the password, and every service's
/// authentication rejects the user's tokens issued before it (see `TokenRevocationRule`).
public protocol TokenRevocations: Sendable {
    /// Revokes every token of `userID` issued before `instant`. A later call replaces the instant.
    /// Throws `AppError(.unavailable)` when the record cannot be written.
    func revokeTokens(of userID: UUID, issuedBefore instant: Date) throws

    /// Returns the instant before which the tokens of `userID` are revoked, or nil when none is
    /// recorded. Implementations document what they return when their store cannot be read.
    func revocationInstant(of userID: UUID) throws -> Date?
}

/// The comparison between a token's issue time and its user's revocation instant.
///
/// Both sides are compared in whole milliseconds, which is the precision of the `iat` claim
/// that `HMACTokenService` writes. A token issued in the same millisecond as the revocation
/// counts as issued after it, so a login that follows a password change is never rejected.
public enum TokenRevocationRule {
    /// Returns true when a token issued at `issuedAt` must be rejected because the user revoked
    /// their tokens at `revokedBefore`. A token without an issue time is revoked by any instant.
    public static func isRevoked(issuedAt: Date?, revokedBefore: Date?) -> Bool {
        guard let revokedBefore else { return false }
        guard let issuedAt else { return true }
        return milliseconds(issuedAt) < milliseconds(revokedBefore)
    }

    /// Whole milliseconds since 1970, rounded to the nearest. Rounding to the nearest, not down,
    /// recovers the exact count from a `Date` made of a millisecond count divided by 1000, whose
    /// binary value can fall just below it.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64(saturating: (date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The error every service returns for a revoked token.
    public static func revokedError() -> AppError {
        AppError(
            .unauthorized, code: "auth.token_revoked",
            detail: "This token was issued before the password was last changed: log in again to get a new token.")
    }
}
