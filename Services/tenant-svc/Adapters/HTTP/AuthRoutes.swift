import CommonKernel
import FoundationEssentials
import TenantCore

/// `POST /api/v1/auth/login`: the host decides whether staff of a shop or platform admins log in.
///
/// Both routes hash a password with Argon2id, which holds a thread for tens of milliseconds, so
/// they are marked blocking.
struct AuthRoutes {
    struct UserBody: Encodable {
        var id: String
        var email: String
        var role: String
        var tenantId: String?
    }

    struct TokenBody: Encodable {
        var accessToken: String
        var tokenType = "Bearer"
        var expiresAt: Date
        var passwordChangeRequired: Bool
        var user: UserBody
    }

    let logIn: LogIn
    let changePassword: ChangePassword
    let limiter: any RateLimiter
    /// Attempts allowed per e-mail address and host scope in one minute.
    static let attemptsPerMinute = 10

    func install(into router: inout Router) {
        router.post("/api/v1/auth/login", blocking: true) { request, context in
            var body = try JSONBody(request: request)
            let email = body.nonEmptyString("email", required: true, maxLength: 254)
            let password = body.string("password", required: true, maxLength: 1_024)
            try body.finish()

            let scope = try context.scope()
            let scopeKey: String
            switch scope {
            case .platform: scopeKey = "platform"
            case .tenant(let tenant): scopeKey = tenant.id.lowercasedString
            }
            try limiter.recordAttempt(key: "login:\(scopeKey):\(email!.lowercased())", limit: Self.attemptsPerMinute, windowSeconds: 60)
            let output = try logIn(email: email!, password: password!, scope: scope)
            let principal = output.principal
            context.logger.info("user logged in", ["user.id": principal.userID.lowercasedString])
            var response = try HTTPResponse.json(TokenBody(
                accessToken: output.token, expiresAt: principal.expiresAt,
                passwordChangeRequired: output.passwordChangeRequired,
                user: UserBody(id: principal.userID.lowercasedString, email: principal.email,
                               role: principal.role.rawValue, tenantId: principal.tenantID?.lowercasedString)))
            response.headers["Cache-Control"] = "no-store"
            return response
        }
        // The only route that accepts the token of a user whose password is still the generated one.
        router.post("/api/v1/auth/password", blocking: true) { request, context in
            context.acceptsPendingPasswordChange = true
            guard let principal = try context.principal() else {
                throw AppError(.unauthorized, code: "auth.token_missing", detail: "Log in first and send the token in the Authorization header.")
            }
            // The scope check rejects a shop's token on another shop's host. A shop's token on the
            // platform host is rejected here, so staff change passwords only on their own shop.
            if case .platform = try context.scope(), principal.role != .platformAdmin {
                throw AppError(.forbidden, code: "auth.tenant_mismatch", detail: "The token was issued for a shop: change the password on that shop's host.")
            }
            var body = try JSONBody(request: request)
            let current = body.string("current_password", required: true, maxLength: 1_024)
            let new = body.string("new_password", required: true, maxLength: 1_024)
            try body.finish()
            try changePassword(principal: principal, currentPassword: current!, newPassword: new!)
            context.logger.info("password changed", ["user.id": principal.userID.lowercasedString])
            return .noContent()
        }
    }
}
