import CommonAdapters
import CommonKernel
import FoundationEssentials
import TenantCore

/// Staff users (under the tenant's row policy) and platform admins in PostgreSQL.
public struct PostgresUserRepository: UserRepository {
    let database: PostgresPool

    public init(database: PostgresPool) {
        self.database = database
    }

    public func staff(tenantID: UUID, email: String) throws -> StaffUser? {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT * FROM tenant.staff_users WHERE tenant_id = $1 AND email = $2", [tenantID, email]
            ).map(Self.staff).first
        }
    }

    public func allStaff(tenantID: UUID) throws -> [StaffUser] {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT * FROM tenant.staff_users WHERE tenant_id = $1 ORDER BY created_at, id", [tenantID]
            ).map(Self.staff)
        }
    }

    public func platformAdmin(email: String) throws -> PlatformAdmin? {
        try database.withTransaction { connection in
            try connection.query("SELECT * FROM tenant.platform_admins WHERE email = $1", [email]).map { row in
                PlatformAdmin(id: try row.uuid("id"), email: try row.string("email"),
                              passwordHash: try row.string("password_hash"), createdAt: try row.date("created_at"))
            }.first
        }
    }

    public func platformAdminCount() throws -> Int {
        try database.withTransaction { connection in
            try connection.query("SELECT count(*) AS admins FROM tenant.platform_admins")[0].int("admins")
        }
    }

    public func createPlatformAdmin(_ admin: PlatformAdmin) throws {
        try database.withTransaction { connection in
            try connection.execute("""
                INSERT INTO tenant.platform_admins (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)
                """, [admin.id, admin.email, admin.passwordHash, admin.createdAt])
        }
    }

    public func staff(tenantID: UUID, id: UUID) throws -> StaffUser? {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT * FROM tenant.staff_users WHERE tenant_id = $1 AND id = $2", [tenantID, id]
            ).map(Self.staff).first
        }
    }

    public func platformAdmin(id: UUID) throws -> PlatformAdmin? {
        try database.withTransaction { connection in
            try connection.query("SELECT * FROM tenant.platform_admins WHERE id = $1", [id]).map { row in
                PlatformAdmin(id: try row.uuid("id"), email: try row.string("email"),
                              passwordHash: try row.string("password_hash"), createdAt: try row.date("created_at"))
            }.first
        }
    }

    public func updateStaffPassword(tenantID: UUID, userID: UUID, passwordHash: String) throws {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.execute("""
                UPDATE tenant.staff_users SET password_hash = $3, must_change_password = false
                WHERE tenant_id = $1 AND id = $2
                """, [tenantID, userID, passwordHash])
        }
    }

    public func updatePlatformAdminPassword(id: UUID, passwordHash: String) throws {
        try database.withTransaction { connection in
            try connection.execute("UPDATE tenant.platform_admins SET password_hash = $2 WHERE id = $1", [id, passwordHash])
        }
    }

    static func staff(_ row: PostgresRow) throws -> StaffUser {
        StaffUser(
            id: try row.uuid("id"), tenantID: try row.uuid("tenant_id"), email: try row.string("email"),
            role: Role(rawValue: try row.string("role")) ?? .staff, passwordHash: try row.string("password_hash"),
            createdAt: try row.date("created_at"), mustChangePassword: try row.bool("must_change_password"))
    }
}
