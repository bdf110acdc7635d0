import CommonKernel
import FoundationEssentials

/// The JOSE header of an HS256 token.
struct JWTHeader: Codable {
    var alg: String
    var typ: String?
}

/// The claims of an access token, named as in RFC 7519 plus `role`, `tid` and `email`.
struct JWTClaims: Codable {
    /// The user id.
    var sub: String
    /// A `Role` raw value.
    var role: String
    /// The tenant id, absent for platform admins.
    var tid: String?
    var email: String
    /// Issue time in seconds since 1970 with millisecond precision, which RFC 7519's NumericDate
    /// allows, so that a revocation in the same second as a later login keeps the two apart.
    /// Tokens with a whole-second `iat` decode as well.
    var iat: Double
    /// Expiry time in whole seconds since 1970 (RFC 7519 NumericDate).
    var exp: Int64
    var iss: String
    /// Present and true only in the token of a user who must replace a generated password.
    var pwc: Bool?

    init(principal: Principal, issuedAt: Date, issuer: String) {
        sub = principal.userID.lowercasedString
        role = principal.role.rawValue
        tid = principal.tenantID?.lowercasedString
        email = principal.email
        iat = Double(TokenRevocationRule.milliseconds(issuedAt)) / 1000
        exp = Int64(principal.expiresAt.timeIntervalSince1970.rounded(.down))
        iss = issuer
        pwc = principal.passwordChangeRequired ? true : nil
    }

    var expiresAt: Date { Date(timeIntervalSince1970: TimeInterval(exp)) }
    var issuedAt: Date { Date(timeIntervalSince1970: iat) }

    /// Converts the claims into a principal, or returns the reason they cannot be one.
    func principal() -> Result<Principal, ClaimProblem> {
        guard let userID = UUID(uuidString: sub) else { return .failure(.malformedSubject) }
        guard let role = Role(rawValue: role) else { return .failure(.unknownRole) }

        var tenantID: UUID?
        if let tid {
            guard let parsed = UUID(uuidString: tid) else { return .failure(.malformedTenant) }
            tenantID = parsed
        }
        if tenantID == nil && role != .platformAdmin { return .failure(.missingTenant) }
        return .success(Principal(userID: userID, role: role, tenantID: tenantID, email: email, expiresAt: expiresAt,
                                  passwordChangeRequired: pwc ?? false, issuedAt: issuedAt))
    }
}

/// A reason that well-signed claims do not describe a valid principal.
enum ClaimProblem: Error {
    case malformedSubject, unknownRole, malformedTenant, missingTenant

    var detail: String {
        switch self {
        case .malformedSubject: "The token's subject is not a user id."
        case .unknownRole: "The token's role is not a known role."
        case .malformedTenant: "The token's tenant claim is not a tenant id."
        case .missingTenant: "The token has no tenant claim, which only platform admin tokens may omit."
        }
    }
}
