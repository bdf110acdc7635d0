import CommonKernel
import FoundationEssentials

/// Answers tenant lookups from tenant-svc's own repositories; other services reach it over HTTP.
public struct RepositoryTenantDirectory: TenantDirectory {
    let tenants: any TenantRepository
    let plans: any PlanRepository
    let domains: any DomainRepository

    public init(tenants: any TenantRepository, plans: any PlanRepository, domains: any DomainRepository) {
        self.tenants = tenants
        self.plans = plans
        self.domains = domains
    }

    public func tenant(customDomain domain: String) throws -> TenantRecord? {
        guard let id = try domains.activeTenantID(hostname: domain) else { return nil }
        return try tenant(id: id)
    }

    public func tenant(subdomain: String) throws -> TenantRecord? {
        try tenants.find(subdomain: subdomain).map(record)
    }

    public func tenant(id: UUID) throws -> TenantRecord? {
        try tenants.find(id: id).map(record)
    }

    private func record(_ tenant: Tenant) throws -> TenantRecord {
        guard let plan = try plans.find(code: tenant.planCode) else {
            throw AppError(.internal, code: "plan.missing", detail: "The tenant's plan \(tenant.planCode) does not exist.")
        }
        return tenant.record(plan: plan)
    }
}
