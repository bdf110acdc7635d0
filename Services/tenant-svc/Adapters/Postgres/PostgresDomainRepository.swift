import CommonAdapters
import CommonKernel
import FoundationEssentials
import TenantCore

/// Custom domains in PostgreSQL, each call inside its tenant's row policy except the host lookup,
/// which goes through a function owned by the schema owner.
public struct PostgresDomainRepository: DomainRepository {
    let database: PostgresPool

    public init(database: PostgresPool) {
        self.database = database
    }

    public func create(_ domain: CustomDomain) throws {
        do {
            try database.withTenantTransaction(domain.tenantID) { connection in
                try connection.execute("""
                    INSERT INTO tenant.custom_domains (id, tenant_id, hostname, status, verification_token, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """, [domain.id, domain.tenantID, domain.hostname, domain.status.rawValue,
                          domain.verificationToken, domain.createdAt])
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw AppError(.conflict, code: "domain.already_added", detail: "\(domain.hostname) is already one of this shop's domains.")
        }
    }

    public func list(tenantID: UUID) throws -> [CustomDomain] {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT * FROM tenant.custom_domains WHERE tenant_id = $1 ORDER BY created_at, id", [tenantID]
            ).map(Self.domain)
        }
    }

    public func find(tenantID: UUID, id: UUID) throws -> CustomDomain? {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT * FROM tenant.custom_domains WHERE tenant_id = $1 AND id = $2", [tenantID, id]
            ).map(Self.domain).first
        }
    }

    public func activate(tenantID: UUID, id: UUID, at date: Date) throws -> CustomDomain {
        do {
            let updated = try database.withTenantTransaction(tenantID) { connection in
                let domain = try connection.query("""
                    UPDATE tenant.custom_domains SET status = 'active', verified_at = $3
                    WHERE tenant_id = $1 AND id = $2 RETURNING *
                    """, [tenantID, id, date]).map(Self.domain).first
                let tenant = try connection.query(
                    "SELECT \(PostgresTenantRepository.tenantColumns) FROM tenant.tenants WHERE id = $1", [tenantID]
                ).map(PostgresTenantRepository.tenant).first
                if domain != nil, let tenant {
                    try TenantEvents.append("tenant.updated", tenant, change: "domain_verified", on: connection)
                }
                return domain
            }
            guard let updated else { throw AppError.notFound("Domain", code: "domain.not_found") }
            return updated
        } catch let error as PostgresError where error.isUniqueViolation {
            throw AppError(.conflict, code: "domain.taken", detail: "This domain is already active for another shop.")
        }
    }

    public func activeTenantID(hostname: String) throws -> UUID? {
        try database.withTransaction { connection in
            try connection.query("SELECT tenant.active_domain_tenant($1) AS tenant_id", [hostname])[0]
                .optionalUUID("tenant_id")
        }
    }

    public func activeHostnames(tenantID: UUID) throws -> [String] {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT hostname FROM tenant.custom_domains WHERE tenant_id = $1 AND status = 'active'", [tenantID]
            ).map { try $0.string("hostname") }
        }
    }

    static func domain(_ row: PostgresRow) throws -> CustomDomain {
        CustomDomain(
            id: try row.uuid("id"), tenantID: try row.uuid("tenant_id"), hostname: try row.string("hostname"),
            status: CustomDomain.Status(rawValue: try row.string("status")) ?? .pending,
            verificationToken: try row.string("verification_token"), createdAt: try row.date("created_at"),
            verifiedAt: try row.optionalDate("verified_at"))
    }
}
