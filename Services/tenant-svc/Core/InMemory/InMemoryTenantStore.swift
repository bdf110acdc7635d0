import CommonKernel
import FoundationEssentials
import Synchronization

/// Tenants, plans, users and domains in memory, with the same rules as the PostgreSQL adapters;
/// for fast tests of the use cases.
public final class InMemoryTenantStore: TenantRepository, PlanRepository, UserRepository, DomainRepository {
    struct State {
        var tenants: [UUID: Tenant] = [:]
        var staff: [UUID: StaffUser] = [:]
        var admins: [UUID: PlatformAdmin] = [:]
        var domains: [UUID: CustomDomain] = [:]
    }

    private let state = Mutex(State())
    private let planList: [Plan]

    public init(plans: [Plan] = InMemoryTenantStore.standardPlans) {
        planList = plans
    }

    /// The three plans that migrations seed in PostgreSQL.
    public static let standardPlans: [Plan] = [
        Plan(code: "starter", name: "Starter", monthlyPriceMinor: 150_000, priceCurrency: "BDT",
             limits: PlanLimits(code: "starter", maxProducts: 100, maxStaff: 2, maxStorageBytes: 1 << 30)),
        Plan(code: "professional", name: "Professional", monthlyPriceMinor: 450_000, priceCurrency: "BDT",
             limits: PlanLimits(code: "professional", maxProducts: 5_000, maxStaff: 10, maxStorageBytes: 10 << 30)),
        Plan(code: "enterprise", name: "Enterprise", monthlyPriceMinor: 1_500_000, priceCurrency: "BDT",
             limits: PlanLimits(code: "enterprise", maxProducts: nil, maxStaff: nil, maxStorageBytes: nil)),
    ]

    public func create(_ tenant: Tenant, owner: StaffUser) throws {
        try state.withLock { state in
            if state.tenants.values.contains(where: { $0.subdomain == tenant.subdomain }) {
                throw CreateTenant.subdomainTaken(tenant.subdomain)
            }
            state.tenants[tenant.id] = tenant
            state.staff[owner.id] = owner
        }
    }

    public func find(id: UUID) throws -> Tenant? { state.withLock { $0.tenants[id] } }

    public func find(subdomain: String) throws -> Tenant? {
        state.withLock { $0.tenants.values.first { $0.subdomain == subdomain } }
    }

    public func list(after: (createdAt: Date, id: UUID)?, limit: Int) throws -> [Tenant] {
        let sorted = state.withLock { Array($0.tenants.values) }.sorted {
            ($0.createdAt.microsecondsSince1970, $0.id.lowercasedString)
                < ($1.createdAt.microsecondsSince1970, $1.id.lowercasedString)
        }
        let remaining = sorted.filter { tenant in
            guard let after else { return true }
            return (tenant.createdAt.microsecondsSince1970, tenant.id.lowercasedString)
                > (after.createdAt.microsecondsSince1970, after.id.lowercasedString)
        }
        return Array(remaining.prefix(limit))
    }

    public func updateStatus(id: UUID, status: TenantRecord.Status) throws -> Tenant? {
        state.withLock { state in
            state.tenants[id]?.status = status
            return state.tenants[id]
        }
    }

    func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try state.withLock { try body(&$0) }
    }

    public func all() throws -> [Plan] { planList }
    public func find(code: String) throws -> Plan? { planList.first { $0.code == code } }

    public func staff(tenantID: UUID, email: String) throws -> StaffUser? {
        state.withLock { $0.staff.values.first { $0.tenantID == tenantID && $0.email == email } }
    }

    public func allStaff(tenantID: UUID) throws -> [StaffUser] {
        state.withLock { $0.staff.values.filter { $0.tenantID == tenantID } }
    }

    public func platformAdmin(email: String) throws -> PlatformAdmin? {
        state.withLock { $0.admins.values.first { $0.email == email } }
    }

    public func platformAdminCount() throws -> Int { state.withLock { $0.admins.count } }

    public func createPlatformAdmin(_ admin: PlatformAdmin) throws {
        state.withLock { $0.admins[admin.id] = admin }
    }

    public func updateStaffPassword(tenantID: UUID, userID: UUID, passwordHash: String) throws {
        state.withLock { state in
            guard state.staff[userID]?.tenantID == tenantID else { return }
            state.staff[userID]?.passwordHash = passwordHash
            state.staff[userID]?.mustChangePassword = false
        }
    }

    public func updatePlatformAdminPassword(id: UUID, passwordHash: String) throws {
        state.withLock { $0.admins[id]?.passwordHash = passwordHash }
    }

    public func platformAdmin(id: UUID) throws -> PlatformAdmin? { state.withLock { $0.admins[id] } }

    public func staff(tenantID: UUID, id: UUID) throws -> StaffUser? {
        state.withLock { $0.staff[id].flatMap { $0.tenantID == tenantID ? $0 : nil } }
    }
}
