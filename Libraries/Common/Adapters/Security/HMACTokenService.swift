import CommonKernel
import FoundationEssentials

/// Issues and verifies HS256 JSON Web Tokens (RFC 7519) signed with one shared secret.
///
/// Verification accepts only HS256, compares signatures in constant time, and checks expiry
/// against `now()`, the issuer and the role. Every failure throws `AppError(.unauthorized)` with
/// code `auth.token_expired` for an expired token and `auth.invalid_token` otherwise. The
/// error's detail names the failed check and never contains the token.
public struct HMACTokenService: TokenService {
    /// Tokens longer than this are rejected before any decoding.
    static let maximumTokenLength = 8192
    static let encodedHeader = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    private let secret: [UInt8]
    private let issuer: String
    private let now: @Sendable () -> Date

    /// Creates a service that signs with `secret`, which should be at least 32 random bytes.
    public init(secret: [UInt8], issuer: String = "commerce", now: @escaping @Sendable () -> Date = Date.init) {
        precondition(!secret.isEmpty, "HMACTokenService needs a non-empty secret")
        self.secret = secret
        self.issuer = issuer
        self.now = now
    }

    /// Signs a token for `principal` that expires at `principal.expiresAt`, rounded down to a second,
    /// and was issued at `principal.issuedAt` (or now), rounded to a millisecond.
    ///
    /// Throws `AppError(.internal)` for a principal other than a platform admin without a tenant,
    /// because `verify` would reject such a token.
    public func issue(_ principal: Principal) throws -> String {
        guard principal.tenantID != nil || principal.role == .platformAdmin else {
            throw AppError(
                .internal, code: "auth.tenant_missing",
                detail: "A token for role \(principal.role.rawValue) needs a tenant id.")
        }
        let claims = JWTClaims(principal: principal, issuedAt: principal.issuedAt ?? now(), issuer: issuer)
        let payload = try JSONEncoder.sortedKeys.encode(claims)
        let signingInput = Self.encodedHeader + "." + Base64URL.encode(Array(payload))
        let signature = Digest.hmacSHA256(key: secret, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Returns the principal of a well-signed, unexpired token from this issuer.
    public func verify(_ token: String) throws -> Principal {
        guard token.utf8.count <= Self.maximumTokenLength else { throw invalid("The token is too long.") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw invalid("The token must have three dot-separated parts.") }

        try checkHeader(parts[0])
        try checkSignature(of: token[parts[0].startIndex..<parts[1].endIndex], signature: parts[2])
        let claims = try decodeClaims(parts[1])
        try checkValidity(of: claims)

        switch claims.principal() {
        case .success(let principal): return principal
        case .failure(let problem): throw invalid(problem.detail)
        }
    }

    private func checkHeader(_ segment: Substring) throws {
        guard let bytes = Base64URL.decode(segment),
            let header = try? JSONDecoder().decode(JWTHeader.self, from: Data(bytes))
        else { throw invalid("The token's header is not base64url-encoded JSON.") }
        guard header.alg == "HS256" else { throw invalid("The token's algorithm must be HS256.") }
    }

    private func checkSignature(of signingInput: Substring, signature: Substring) throws {
        guard let given = Base64URL.decode(signature) else {
            throw invalid("The token's signature is not base64url-encoded.")
        }
        let expected = Digest.hmacSHA256(key: secret, message: Array(signingInput.utf8))
        guard Digest.constantTimeEqual(given, expected) else { throw invalid("The token's signature is invalid.") }
    }

    private func decodeClaims(_ segment: Substring) throws -> JWTClaims {
        guard let bytes = Base64URL.decode(segment),
            let claims = try? JSONDecoder().decode(JWTClaims.self, from: Data(bytes))
        else { throw invalid("The token's claims are missing or malformed.") }
        return claims
    }

    private func checkValidity(of claims: JWTClaims) throws {
        guard claims.iss == issuer else { throw invalid("The token was issued by a different issuer.") }
        guard claims.expiresAt > now() else {
            throw AppError(
                .unauthorized, code: "auth.token_expired",
                detail: "The token expired at \(RFC3339.string(from: claims.expiresAt)); sign in again.")
        }
    }

    private func invalid(_ detail: String, file: String = #fileID, line: Int = #line) -> AppError {
        AppError(.unauthorized, code: "auth.invalid_token", detail: detail, file: file, line: line)
    }
}

extension JSONEncoder {
    fileprivate static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
