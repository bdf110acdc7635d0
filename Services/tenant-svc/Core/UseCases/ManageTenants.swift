import CommonKernel
import FoundationEssentials

/// Platform-admin reads of tenants and status changes.
public struct ManageTenants: Sendable {
    let tenants: any TenantRepository
    let plans: any PlanRepository
    let domains: any DomainRepository
    let notifier: any TenantChangeNotifier

    public init(tenants: any TenantRepository, plans: any PlanRepository, domains: any DomainRepository,
                notifier: any TenantChangeNotifier) {
        self.tenants = tenants
        self.plans = plans
        self.domains = domains
        self.notifier = notifier
    }

    /// Creation times, in microseconds since 1970, that a cursor may carry: 1970-01-01 through
    /// 9999-12-31, well inside what PostgreSQL's `timestamptz` stores.
    static let cursorMicroseconds: ClosedRange<Int64> = 0...253_402_300_799_999_999

    /// One page of tenants, oldest first, stable while new tenants are created.
    public func list(_ page: PageRequest) throws -> Page<Tenant> {
        var after: (Date, UUID)?
        if let fields = page.after {
            guard let micros = Int64(fields[0]), Self.cursorMicroseconds.contains(micros),
                let id = UUID(uuidString: fields[1])
            else {
                throw AppError.invalidField("cursor", "is not a cursor from this list; pass next_cursor unchanged", code: "invalid_cursor")
            }
            after = (Date(microsecondsSince1970: micros), id)
        }
        let rows = try tenants.list(after: after, limit: page.limit + 1)
        let items = Array(rows.prefix(page.limit))
        let next = rows.count > page.limit ? items.last.map {
            PageRequest.encode([String($0.createdAt.microsecondsSince1970), $0.id.lowercasedString])
        } : nil
        return Page(items: items, nextCursor: next)
    }

    public func get(id: UUID) throws -> Tenant {
        guard let tenant = try tenants.find(id: id) else { throw AppError.notFound("Tenant", code: "tenant.not_found") }
        return tenant
    }

    /// Sets the tenant's status; repeating the current status is allowed and changes nothing.
    public func setStatus(id: UUID, to status: TenantRecord.Status) throws -> Tenant {
        guard let tenant = try tenants.updateStatus(id: id, status: status) else {
            throw AppError.notFound("Tenant", code: "tenant.not_found")
        }
        notifier.tenantChanged(id: tenant.id, subdomain: tenant.subdomain, hostnames: try domains.activeHostnames(tenantID: id))
        return tenant
    }

    public func plan(of tenant: Tenant) throws -> Plan {
        guard let plan = try plans.find(code: tenant.planCode) else {
            throw AppError(.internal, code: "plan.missing", detail: "The tenant's plan \(tenant.planCode) does not exist.")
        }
        return plan
    }
}
