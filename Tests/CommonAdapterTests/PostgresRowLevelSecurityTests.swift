import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Checks that the pool's tenant transactions and a policy on `app.tenant_id` keep tenants apart
/// for a role that owns no table, even in queries without a tenant filter.
final class PostgresRowLevelSecurityTests: XCTestCase {
    private var pool: PostgresPool!
    private var schema = ""
    private var table = ""
    private let tenantA = UUID()
    private let tenantB = UUID()

    override func setUpWithError() throws {
        schema = try TestDatabases.migrateSchema("rls", """
            CREATE TABLE notes (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                body text NOT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
            ALTER TABLE notes FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON notes
                USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
            """)
        table = "\"\(schema)\".notes"
        pool = PostgresPool(url: try TestDatabases.appURL(), size: 2, logger: TestDatabases.logger)

        for (tenant, bodies) in [(tenantA, ["a1", "a2"]), (tenantB, ["b1", "b2", "b3"])] {
            try pool.withTenantTransaction(tenant) { connection in
                for body in bodies {
                    try connection.execute("INSERT INTO \(table) (tenant_id, id, body) VALUES ($1, $2, $3)", [tenant, UUID(), body])
                }
            }
        }
    }

    override func tearDown() {
        pool?.close()
        TestDatabases.dropSchema(schema)
    }

    private func bodies(in connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT body FROM \(table) ORDER BY body").map { try $0.string("body") }
    }

    func testConnectionRoleIsRestricted() throws {
        let row = try pool.withConnection { connection in
            try connection.query("SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")[0]
        }
        XCTAssertEqual(try row.string("name"), "commerce_app")
        XCTAssertFalse(try row.bool("rolsuper"))
        XCTAssertFalse(try row.bool("rolbypassrls"))
    }

    func testUnfilteredSelectSeesOnlyOwnTenant() throws {
        XCTAssertEqual(try pool.withTenantTransaction(tenantA) { try bodies(in: $0) }, ["a1", "a2"])
        XCTAssertEqual(try pool.withTenantTransaction(tenantB) { try bodies(in: $0) }, ["b1", "b2", "b3"])
    }

    func testNoTenantSeesNothing() throws {
        XCTAssertEqual(try pool.withConnection { try bodies(in: $0) }, [])
        XCTAssertEqual(try pool.withTransaction { try bodies(in: $0) }, [])
    }

    func testUpdateTouchesOnlyOwnTenant() throws {
        let updated = try pool.withTenantTransaction(tenantA) { connection in
            try connection.execute("UPDATE \(table) SET body = body || '!'")
        }
        XCTAssertEqual(updated, 2)
        XCTAssertEqual(try pool.withTenantTransaction(tenantB) { try bodies(in: $0) }, ["b1", "b2", "b3"])
    }

    func testInsertForOtherTenantIsRejected() throws {
        XCTAssertThrowsError(
            try pool.withTenantTransaction(tenantA) { connection in
                try connection.execute("INSERT INTO \(table) (tenant_id, id, body) VALUES ($1, $2, 'sneaky')", [tenantB, UUID()])
            }
        ) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "42501")
        }
        XCTAssertEqual(try pool.withTenantTransaction(tenantB) { try bodies(in: $0) }, ["b1", "b2", "b3"])
    }

    func testSettingDoesNotLeakToNextUse() throws {
        // The pool reuses connections, so the next lender must not inherit tenant A's setting.
        for _ in 0..<4 {
            _ = try pool.withTenantTransaction(tenantA) { try bodies(in: $0) }
            XCTAssertEqual(try pool.withConnection { try bodies(in: $0) }, [])
        }
    }
}
