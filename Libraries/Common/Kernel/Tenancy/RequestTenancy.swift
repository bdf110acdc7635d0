import FoundationEssentials

/// Resolves a request's caller and scope from its headers, for `RequestContext`.
///
/// The caller comes from `Authorization: Bearer`; the scope from `X-Tenant-Domain` (set by
/// the proxy, which overwrites any client value), falling back to `Host` for direct calls.
/// A token issued for one tenant is rejected with 403 on another tenant's host.
public struct RequestTenancy: Sendable {
    private let resolver: TenantResolver
    private let tokens: any TokenService
    private let revocations: (any TokenRevocations)?

    /// Creates the resolution. Without `revocations`, tokens are checked by signature and expiry only.
    public init(resolver: TenantResolver, tokens: any TokenService, revocations: (any TokenRevocations)? = nil) {
        self.resolver = resolver
        self.tokens = tokens
        self.revocations = revocations
    }

    /// Returns the caller of a request with a bearer token, or nil without an Authorization header,
    /// in which case nothing else is looked up. Throws `unauthorized` for a malformed header, a
    /// token `TokenService.verify` rejects, and a token issued before its user's revocation
    /// instant (`auth.token_revoked`).
    ///
    /// A request with more than one Authorization header is rejected as malformed. HTTP allows
    /// one, and a proxy or log that reads another of them would see a different caller.
    public func authenticate(_ request: HTTPRequest) throws -> Principal? {
        guard let header = request.headers["Authorization"] else { return nil }
        let count = request.headers.count(of: "Authorization")
        guard count == 1 else {
            throw AppError(
                .unauthorized, code: "auth.malformed_header",
                detail: "The request has \(count) Authorization headers. Send one 'Bearer <token>' header.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AppError(.unauthorized, code: "auth.malformed_header", detail: "The Authorization header must be 'Bearer <token>'.")
        }
        let principal = try tokens.verify(String(parts[1]).trimmingWhitespace())
        try checkNotRevoked(principal)
        return principal
    }

    private func checkNotRevoked(_ principal: Principal) throws {
        guard let revocations else { return }
        let instant = try revocations.revocationInstant(of: principal.userID)
        if TokenRevocationRule.isRevoked(issuedAt: principal.issuedAt, revokedBefore: instant) {
            throw TokenRevocationRule.revokedError()
        }
    }

    public func resolveScope(_ request: HTTPRequest, principal: Principal?) throws -> RequestScope {
        let host = request.headers["X-Tenant-Domain"] ?? request.headers["Host"]
        let scope = try resolver.resolve(host: host, tenantIDHeader: request.headers["X-Tenant-ID"], principal: principal)
        if case .tenant(let tenant) = scope, let principal, principal.role != .platformAdmin, principal.tenantID != tenant.id {
            throw AppError(.forbidden, code: "auth.tenant_mismatch", detail: "The token was issued for another shop than the one this host serves.")
        }
        return scope
    }
}
