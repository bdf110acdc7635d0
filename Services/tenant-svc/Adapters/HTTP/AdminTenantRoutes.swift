import CommonKernel
import FoundationEssentials
import TenantCore

/// The platform admin's tenant API under `/api/v1/admin/tenants`.
struct AdminTenantRoutes {
    struct CreatedBody: Encodable {
        struct Owner: Encodable {
            var id: String
            var email: String
            var oneTimePassword: String
        }

        var tenant: TenantBody
        var owner: Owner
    }

    let createTenant: CreateTenant
    let manage: ManageTenants
    let timeZones: any TimeZoneDirectory

    func install(into router: inout Router) {
        router.get("/api/v1/admin/tenants") { request, context in
            try Self.requireAdminHost(context)
            let page = try manage.list(try PageRequest(query: request.query, fieldCount: 2))
            return try .json(ListBody(data: page.items.map(TenantBody.init), nextCursor: page.nextCursor))
        }
        // Blocking: it hashes the owner's generated password with Argon2id.
        router.post("/api/v1/admin/tenants", blocking: true) { request, context in
            try Self.requireAdminHost(context)
            let output = try createTenant(try Self.readCreateInput(request, timeZones: timeZones))
            context.logger.info("tenant created", ["tenant.id": output.tenant.id.lowercasedString])
            let body = CreatedBody(tenant: TenantBody(output.tenant), owner: .init(
                id: output.owner.id.lowercasedString, email: output.owner.email, oneTimePassword: output.oneTimePassword))
            var response = try HTTPResponse.json(body, status: 201)
            response.headers["Location"] = "/api/v1/admin/tenants/\(output.tenant.id.lowercasedString)"
            response.headers["Cache-Control"] = "no-store"
            return response
        }
        router.get("/api/v1/admin/tenants/{id}") { request, context in
            try Self.requireAdminHost(context)
            return try .json(TenantBody(try manage.get(id: try request.uuidParameter("id", resource: "Tenant"))))
        }
        installStatusChange(into: &router, action: "suspend", status: .suspended)
        installStatusChange(into: &router, action: "reactivate", status: .active)
    }

    private func installStatusChange(into router: inout Router, action: String, status: TenantRecord.Status) {
        router.post("/api/v1/admin/tenants/{id}/\(action)") { request, context in
            try Self.requireAdminHost(context)
            let reason = try Self.readReason(request)
            let tenant = try manage.setStatus(id: try request.uuidParameter("id", resource: "Tenant"), to: status)
            context.logger.info("tenant status changed", [
                "tenant.id": tenant.id.lowercasedString, "status": status.rawValue, "reason": reason ?? "",
            ])
            return try .json(TenantBody(tenant))
        }
    }

    /// Checks that the request addresses the platform, on its admin host without an `X-Tenant-ID`
    /// that selects a shop, and comes from a platform admin. An unknown host gets 404
    /// `tenant.not_found` as on every route. A shop's host gets 404 too, because the platform's
    /// own routes are not part of a shop.
    static func requireAdminHost(_ context: RequestContext) throws {
        guard case .platform = try context.scope() else {
            throw AppError(
                .notFound, code: "route.platform_only",
                detail: "The platform admin's routes are served on the admin host only, without an X-Tenant-ID of a shop.")
        }
        _ = try context.requirePlatformAdmin()
    }

    /// Reads the optional `{"reason": "..."}` body of a status change; an empty body is allowed.
    static func readReason(_ request: HTTPRequest) throws -> String? {
        guard !request.body.isEmpty else { return nil }
        var body = try JSONBody(request: request)
        let reason = body.string("reason", maxLength: 500)
        try body.finish()
        return reason
    }

    static func readCreateInput(_ request: HTTPRequest, timeZones: any TimeZoneDirectory) throws -> CreateTenant.Input {
        var body = try JSONBody(request: request)
        let name = body.string("name", required: true, maxLength: 100)
        let subdomain = body.string("subdomain", required: true, maxLength: 63)
        let plan = body.string("plan", required: true, maxLength: 40)
        let email = body.string("admin_email", required: true, maxLength: 254)
        let currency = body.string("currency", maxLength: 3)
        let locale = body.string("locale", maxLength: 35)
        let timeZone = body.string("time_zone", maxLength: 64)
        if let currency, (try? Currency(code: currency)) == nil || currency != currency.uppercased() {
            body.fail("currency", "must be a supported ISO 4217 code in capitals, such as BDT, USD or EUR", code: "unknown_currency")
        }
        if let locale, locale.wholeMatch(of: /[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?/) == nil {
            body.fail("locale", "must be a language tag such as en-BD, bn-BD or en", code: "invalid_format")
        }
        if let timeZone, timeZones.rules(for: timeZone) == nil {
            body.fail("time_zone", "must be an IANA time zone such as Asia/Dhaka", code: "invalid_format")
        }
        try body.finish()
        return CreateTenant.Input(
            name: name!, subdomain: subdomain!, planCode: plan!, ownerEmail: email!,
            currency: currency ?? "BDT", locale: locale ?? "en-BD", timeZone: timeZone ?? "Asia/Dhaka")
    }
}
