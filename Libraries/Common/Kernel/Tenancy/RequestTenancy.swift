import Foundation

/// Resolves a request's caller and scope from its headers, for `RequestContext`.
///
/// The caller comes from `Authorization: Bearer`; the scope from `X-Tenant-Domain` (set by
/// the proxy, which overwrites any client value), falling back to `Host` for direct calls.
/// A token issued for one tenant is rejected with 403 on another tenant's host.
public struct RequestTenancy: Sendable {
    private let resolver: TenantResolver
    private let tokens: any TokenService

    public init(resolver: TenantResolver, tokens: any TokenService) {
        self.resolver = resolver
        self.tokens = tokens
    }

    public func authenticate(_ request: HTTPRequest) throws -> Principal? {
        guard let header = request.headers["Authorization"] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AppError(.unauthorized, code: "auth.malformed_header", detail: "The Authorization header must be 'Bearer <token>'.")
        }
        return try tokens.verify(String(parts[1]).trimmingCharacters(in: .whitespaces))
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
