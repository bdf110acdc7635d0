@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Stops and restarts a PostgreSQL cluster of the test's own and checks that pools heal.
final class PostgresRestartTests: XCTestCase {
    private func openBothConnections(of pool: PostgresPool) throws {
        try pool.withConnection { first in
            try pool.withConnection { second in
                XCTAssertFalse(first === second)
            }
        }
    }

    func testPoolRecoversAfterRestart() throws {
        let servers = try ThrowawayDatabases()
        let pool = PostgresPool(url: servers.appURL, size: 2, logger: TestDatabases.logger)
        defer { pool.close() }
        try openBothConnections(of: pool)

        try servers.control("postgres", "restart")

        XCTAssertNoThrow(try pool.ping())
        let tenantID = UUID()
        let setting = try pool.withTenantTransaction(tenantID) { connection in
            try connection.query("SELECT current_setting('app.tenant_id') AS tenant")[0].uuid("tenant")
        }
        XCTAssertEqual(setting, tenantID)
        XCTAssertNoThrow(try openBothConnections(of: pool))
    }

    func testPoolIsUnavailableWhileStopped() throws {
        let servers = try ThrowawayDatabases()
        let pool = PostgresPool(url: servers.appURL, size: 2, logger: TestDatabases.logger)
        defer { pool.close() }
        try pool.ping()

        try servers.control("postgres", "stop")
        XCTAssertThrowsError(try pool.ping()) { error in
            XCTAssertEqual((error as? AppError)?.code, "database.unavailable")
        }

        try servers.control("postgres", "start")
        XCTAssertNoThrow(try pool.ping())
    }

    func testTransactionRetriesBeginOnLostConnection() throws {
        let url = try TestDatabases.appURL()
        let pool = PostgresPool(url: url, size: 1, logger: TestDatabases.logger)
        defer { pool.close() }
        let victim = try PostgresConnection(url: url, logger: TestDatabases.logger)
        let process = try victim.query("SELECT pg_backend_pid() AS pid")[0].int("pid")

        // A role may terminate its own sessions without further privileges.
        let killer = try PostgresConnection(url: url, logger: TestDatabases.logger)
        XCTAssertEqual(try killer.query("SELECT pg_terminate_backend($1::int, 5000) AS done", [process])[0].bool("done"), true)

        let tenantID = UUID()
        try pool.begin(on: victim) { try victim.beginTenantTransaction(tenantID) }
        let setting = try victim.completeTransaction { connection in
            try connection.query("SELECT current_setting('app.tenant_id') AS tenant")[0].uuid("tenant")
        }
        XCTAssertEqual(setting, tenantID)
        XCTAssertNotEqual(try victim.query("SELECT pg_backend_pid() AS pid")[0].int("pid"), process)
    }
}
