import CommonAdapters
import CommonKernel
import FoundationEssentials
import TenantCore

/// Tenants and plans in PostgreSQL. Tenants are platform rows; the owner is inserted inside
/// the new tenant's scope so that the staff table's row policy accepts it.
public struct PostgresTenantRepository: TenantRepository, PlanRepository {
    let database: PostgresPool

    public init(database: PostgresPool) {
        self.database = database
    }

    static let tenantColumns = """
        id, name, subdomain, status, plan_code, currency, locale, time_zone, created_at, subscription_ends_at
        """

    public func create(_ tenant: Tenant, owner: StaffUser) throws {
        do {
            try database.withTenantTransaction(tenant.id) { connection in
                try connection.execute("""
                    INSERT INTO tenant.tenants (\(Self.tenantColumns))
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                    """, [tenant.id, tenant.name, tenant.subdomain, tenant.status.rawValue, tenant.planCode,
                          tenant.currency, tenant.locale, tenant.timeZone, tenant.createdAt, tenant.subscriptionEndsAt])
                try connection.execute("""
                    INSERT INTO tenant.staff_users (id, tenant_id, email, role, password_hash, created_at, must_change_password)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, [owner.id, owner.tenantID, owner.email, owner.role.rawValue, owner.passwordHash, owner.createdAt,
                          owner.mustChangePassword])
                try TenantEvents.append("tenant.created", tenant, change: "created", on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw CreateTenant.subdomainTaken(tenant.subdomain)
        }
    }

    public func find(id: UUID) throws -> Tenant? {
        try selectTenants("WHERE id = $1", [id]).first
    }

    public func find(subdomain: String) throws -> Tenant? {
        try selectTenants("WHERE subdomain = $1", [subdomain]).first
    }

    public func list(after: (createdAt: Date, id: UUID)?, limit: Int) throws -> [Tenant] {
        guard let after else { return try selectTenants("ORDER BY created_at, id LIMIT $1", [limit]) }
        return try selectTenants("""
            WHERE (created_at, id) > (timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2)
            ORDER BY created_at, id LIMIT $3
            """, [after.createdAt.microsecondsSince1970, after.id, limit])
    }

    public func updateStatus(id: UUID, status: TenantRecord.Status) throws -> Tenant? {
        try database.withTransaction { connection in
            let updated = try connection.query("""
                UPDATE tenant.tenants SET status = $2, updated_at = now() WHERE id = $1 RETURNING \(Self.tenantColumns)
                """, [id, status.rawValue]).map(Self.tenant).first
            if let updated { try TenantEvents.append("tenant.updated", updated, change: "status", on: connection) }
            return updated
        }
    }

    public func all() throws -> [Plan] {
        try database.withTransaction { connection in
            try connection.query("SELECT * FROM tenant.plans ORDER BY position").map(Self.plan)
        }
    }

    public func find(code: String) throws -> Plan? {
        try database.withTransaction { connection in
            try connection.query("SELECT * FROM tenant.plans WHERE code = $1", [code]).map(Self.plan).first
        }
    }

    private func selectTenants(_ clause: String, _ parameters: [any PostgresEncodable]) throws -> [Tenant] {
        try database.withTransaction { connection in
            try connection.query("SELECT \(Self.tenantColumns) FROM tenant.tenants \(clause)", parameters).map(Self.tenant)
        }
    }

    static func tenant(_ row: PostgresRow) throws -> Tenant {
        guard let status = TenantRecord.Status(rawValue: try row.string("status")) else {
            throw AppError(.internal, code: "tenant.bad_status", detail: "A tenant row has an unknown status.")
        }
        return Tenant(
            id: try row.uuid("id"), name: try row.string("name"), subdomain: try row.string("subdomain"),
            status: status, planCode: try row.string("plan_code"), currency: try row.string("currency"),
            locale: try row.string("locale"), timeZone: try row.string("time_zone"),
            createdAt: try row.date("created_at"), subscriptionEndsAt: try row.optionalDate("subscription_ends_at"))
    }

    static func plan(_ row: PostgresRow) throws -> Plan {
        let code = try row.string("code")
        return Plan(
            code: code, name: try row.string("name"), monthlyPriceMinor: try row.int64("monthly_price_minor"),
            priceCurrency: try row.string("price_currency"),
            limits: PlanLimits(code: code, maxProducts: try row.optionalInt("max_products"),
                               maxStaff: try row.optionalInt("max_staff"),
                               maxStorageBytes: try row.optionalInt64("max_storage_bytes")))
    }
}
