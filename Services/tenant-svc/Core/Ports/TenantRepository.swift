import CommonKernel
import FoundationEssentials

/// Stores tenants, the platform's registry of shops.
public protocol TenantRepository: Sendable {
    /// Inserts the tenant and its owner in one transaction.
    /// Throws `conflict` with code `tenant.subdomain_taken` when the subdomain exists.
    func create(_ tenant: Tenant, owner: StaffUser) throws
    func find(id: UUID) throws -> Tenant?
    func find(subdomain: String) throws -> Tenant?
    /// Tenants ordered by creation time, then id, after the given sort key.
    func list(after: (createdAt: Date, id: UUID)?, limit: Int) throws -> [Tenant]
    /// Sets the status and returns the updated tenant, or nil when no tenant has `id`.
    func updateStatus(id: UUID, status: TenantRecord.Status) throws -> Tenant?
}

/// Reads the subscription plans.
public protocol PlanRepository: Sendable {
    func all() throws -> [Plan]
    func find(code: String) throws -> Plan?
}

/// Stores shop staff, scoped by tenant, and platform admins.
public protocol UserRepository: Sendable {
    func staff(tenantID: UUID, email: String) throws -> StaffUser?
    /// Returns every staff user of one tenant, for back-office lists.
    func allStaff(tenantID: UUID) throws -> [StaffUser]
    func platformAdmin(email: String) throws -> PlatformAdmin?
    func platformAdminCount() throws -> Int
    func createPlatformAdmin(_ admin: PlatformAdmin) throws
    /// Replaces a staff user's password hash and clears `mustChangePassword`.
    func updateStaffPassword(tenantID: UUID, userID: UUID, passwordHash: String) throws
    func updatePlatformAdminPassword(id: UUID, passwordHash: String) throws
    func platformAdmin(id: UUID) throws -> PlatformAdmin?
    func staff(tenantID: UUID, id: UUID) throws -> StaffUser?
}
