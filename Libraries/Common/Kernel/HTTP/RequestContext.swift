import FoundationEssentials

/// Per-request state handed to a handler: the request id, a logger and the request's scope.
///
/// The tenant and the caller are resolved on first use and kept for the rest of the request,
/// so a handler that never asks for a tenant costs no lookup. One request uses its context
/// from one thread at a time.
public final class RequestContext: @unchecked Sendable {
    public let requestID: String
    public var logger: Logger
    /// The matched route pattern, used as the metrics label.
    public var route: String = "unmatched"
    private let request: HTTPRequest
    private let tenancy: RequestTenancy?
    private var cachedScope: RequestScope?
    private var cachedPrincipal: Principal??
    /// A flag that only the password change route sets. Every other route rejects the token of a
    /// user whose password is still the generated one.
    public var acceptsPendingPasswordChange = false

    public init(requestID: String, logger: Logger, request: HTTPRequest, tenancy: RequestTenancy?) {
        self.requestID = requestID
        self.logger = logger
        self.request = request
        self.tenancy = tenancy
    }

    /// The caller proven by a bearer token, or nil when the request carries none.
    /// Throws `unauthorized` for a token that is malformed, forged or expired, and `forbidden`
    /// for the token of a user who must first replace a generated password.
    public func principal() throws -> Principal? {
        let principal = try authenticatedPrincipal()
        if let principal, principal.passwordChangeRequired, !acceptsPendingPasswordChange {
            throw AppError(
                .forbidden, code: "auth.password_change_required",
                detail: "Your password was generated for you: set your own with POST /api/v1/auth/password, then log in again.")
        }
        return principal
    }

    private func authenticatedPrincipal() throws -> Principal? {
        if let cachedPrincipal { return cachedPrincipal }
        let principal = try requireTenancy().authenticate(request)
        cachedPrincipal = .some(principal)
        if let principal { logger[metadataKey: "user.id"] = principal.userID.lowercasedString }
        return principal
    }

    /// The platform or tenant scope the request addresses, resolved by the rules of `TenantResolver`.
    public func scope() throws -> RequestScope {
        if let cachedScope { return cachedScope }
        let scope = try requireTenancy().resolveScope(request, principal: try principal())
        cachedScope = scope
        if case .tenant(let tenant) = scope { logger[metadataKey: "tenant.id"] = tenant.id.lowercasedString }
        return scope
    }

    /// The resolved tenant; throws 404 on the platform host, where no tenant is addressed.
    public func tenant() throws -> TenantRecord {
        guard case .tenant(let tenant) = try scope() else {
            throw AppError(.notFound, code: "tenant.not_found", detail: "This host addresses the platform, not a shop.")
        }
        return tenant
    }

    /// The caller, who must hold one of `roles` and, unless a platform admin, belong to `tenant`.
    public func requireRole(_ roles: Set<Role>, in tenant: TenantRecord?) throws -> Principal {
        guard let principal = try principal() else {
            throw AppError(.unauthorized, code: "auth.token_missing", detail: "This request needs a bearer token: log in and send it in the Authorization header.")
        }
        guard roles.contains(principal.role) else {
            throw AppError(.forbidden, code: "auth.role_forbidden", detail: "Your role \(principal.role.rawValue) may not do this.")
        }
        if let tenant, principal.role != .platformAdmin, principal.tenantID != tenant.id {
            throw AppError(.forbidden, code: "auth.tenant_mismatch", detail: "The token was issued for another shop.")
        }
        return principal
    }

    /// The caller, who must be a platform admin.
    public func requirePlatformAdmin() throws -> Principal {
        try requireRole([.platformAdmin], in: nil)
    }

    private func requireTenancy() throws -> RequestTenancy {
        guard let tenancy else {
            throw AppError(.internal, code: "server.tenancy_unconfigured", detail: "Tenant resolution is not configured for this service.")
        }
        return tenancy
    }
}
