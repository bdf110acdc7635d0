import CommonKernel
import FoundationEssentials
import TenantCore

/// Routes for other services and the proxy, never routed from outside by Caddy.
///
/// `GET /internal/tenants/resolve` takes exactly one of `subdomain`, `domain` or `id` and returns
/// the tenant record with its plan limits, including suspended tenants, or 404.
/// `GET /internal/tls/ask?domain=` returns 200 only for names the platform serves.
struct InternalRoutes {
    let directory: any TenantDirectory
    let approveCertificate: ApproveCertificate

    func install(into router: inout Router) {
        router.get("/internal/tenants/resolve") { request, _ in
            let record: TenantRecord?
            switch (request.query["subdomain"], request.query["domain"], request.query["id"]) {
            case (let subdomain?, nil, nil): record = try directory.tenant(subdomain: subdomain.lowercased())
            case (nil, let domain?, nil): record = try directory.tenant(customDomain: domain.lowercased())
            case (nil, nil, let id?):
                guard let uuid = UUID(uuidString: id) else { throw AppError.invalidField("id", "must be a UUID") }
                record = try directory.tenant(id: uuid)
            default:
                throw AppError.invalidField("query", "give exactly one of subdomain, domain or id", code: "missing")
            }
            guard let record else { throw AppError.notFound("Tenant", code: "tenant.not_found") }
            return HTTPResponse(status: 200, contentType: "application/json", body: Array(try JSONCoding.encoder.encode(record)))
        }
        router.get("/internal/tls/ask") { request, context in
            guard let domain = request.query["domain"], !domain.isEmpty else {
                throw AppError.invalidField("domain", "is required", code: "missing")
            }
            let approved = try approveCertificate(domain: domain)
            context.logger.info("certificate request checked", ["domain": domain, "approved": String(approved)])
            guard approved else {
                throw AppError(.notFound, code: "tls.domain_not_served", detail: "The platform serves no shop on \(domain).")
            }
            return .text("ok")
        }
    }
}
