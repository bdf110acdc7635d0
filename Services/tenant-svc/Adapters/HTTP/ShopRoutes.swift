import CommonKernel
import FoundationEssentials
import TenantCore

/// Shop-scoped routes: the public profile, plans and the owner's custom domains.
struct ShopRoutes {
    let domains: ManageCustomDomains
    let plans: any PlanRepository
    let profiles = ShopProfileCache()

    func install(into router: inout Router) {
        router.get("/api/v1/tenants/current") { _, context in
            var response = HTTPResponse(status: 200, contentType: "application/json", body: try profiles.body(for: try context.tenant()))
            // Short, so that a suspension reaches shared caches within seconds.
            response.headers["Cache-Control"] = "public, max-age=5"
            return response
        }
        router.get("/api/v1/plans") { _, _ in
            try .json(ListBody(data: try plans.all().map(PlanBody.init), nextCursor: nil))
        }
        router.get("/api/v1/domains") { _, context in
            let tenant = try context.tenant()
            _ = try context.requireRole([.owner, .staff], in: tenant)
            return try .json(ListBody(data: try domains.list(tenant: tenant).map(DomainBody.init), nextCursor: nil))
        }
        router.post("/api/v1/domains", blocking: true) { request, context in
            let tenant = try context.tenant()
            _ = try context.requireRole([.owner], in: tenant)
            var body = try JSONBody(request: request)
            let hostname = body.nonEmptyString("hostname", required: true, maxLength: 253)
            try body.finish()
            let domain = try domains.add(tenant: tenant, hostname: hostname!)
            var response = try HTTPResponse.json(DomainBody(domain), status: 201)
            response.headers["Location"] = "/api/v1/domains/\(domain.id.lowercasedString)"
            return response
        }
        // Blocking: the DNS lookup of the TXT record may take seconds.
        router.post("/api/v1/domains/{id}/verify", blocking: true) { request, context in
            let tenant = try context.tenant()
            _ = try context.requireRole([.owner], in: tenant)
            let domain = try domains.verify(tenant: tenant, id: try request.uuidParameter("id", resource: "Domain"))
            context.logger.info("custom domain verified", ["domain": domain.hostname])
            return try .json(DomainBody(domain))
        }
    }
}
