@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Prepared statements against the shared test server, checked through `pg_prepared_statements`,
/// which lists the statements of the session that reads it.
final class PostgresPreparedStatementTests: XCTestCase {
    private func connect(limit: Int = PostgresConnection.defaultPreparedStatementLimit) throws -> PostgresConnection {
        try PostgresConnection(url: try TestDatabases.appURL(), logger: TestDatabases.logger, preparedStatementLimit: limit)
    }

    /// Returns the session's prepared statements whose SQL matches the LIKE `pattern`. The
    /// query is itself prepared, so it takes one place in the cache.
    private func serverStatements(_ connection: PostgresConnection, like pattern: String = "%") throws -> [String] {
        try connection.query(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE $1 ORDER BY statement", [pattern]
        ).map { try $0.string("statement") }
    }

    func testRepeatedQueryIsPreparedOnce() throws {
        let connection = try connect()
        let sql = "SELECT $1::int + 1 AS next"

        XCTAssertEqual(try connection.query(sql, [1])[0].int("next"), 2)
        XCTAssertEqual(try connection.query(sql, [41])[0].int("next"), 42)

        XCTAssertEqual(try serverStatements(connection, like: "SELECT $1::int + 1%"), [sql])
    }

    func testReconnectPreparesAgain() throws {
        let connection = try connect()
        let sql = "SELECT $1::text || '!' AS shout"
        _ = try connection.query(sql, ["hi"])
        let before = connection.preparedStatementCount

        try connection.reconnect()
        XCTAssertEqual(connection.preparedStatementCount, 1, "only the time zone statement after reconnecting")
        XCTAssertEqual(try connection.query(sql, ["again"])[0].string("shout"), "again!")

        XCTAssertGreaterThan(before, 1)
        XCTAssertEqual(try serverStatements(connection, like: "SELECT $1::text || '!'%"), [sql])
    }

    func testTerminatedSessionIsReplacedWithEmptyCache() throws {
        let connection = try connect()
        let sql = "SELECT $1::int * 2 AS double"
        _ = try connection.query(sql, [2])
        let pid = try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
        // A role may end its own sessions without further privileges.
        let other = try connect()
        _ = try other.query("SELECT pg_terminate_backend($1::int)", [pid])
        Thread.sleep(forTimeInterval: 0.2)

        try connection.prepareForReuse()

        XCTAssertEqual(try connection.query(sql, [21])[0].int("double"), 42)
        XCTAssertNotEqual(try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid"), pid)
    }

    func testLimitBoundsServerStatements() throws {
        let connection = try connect(limit: 2)
        for number in 1...5 {
            XCTAssertEqual(try connection.query("SELECT \(number) AS bound_check")[0].int("bound_check"), number)
        }

        XCTAssertEqual(connection.preparedStatementCount, 2)
        XCTAssertEqual(try serverStatements(connection).count, 2, "evicted statements must be deallocated")
    }

    func testFailedPreparationIsNotCached() throws {
        let connection = try connect()
        let count = connection.preparedStatementCount

        XCTAssertThrowsError(try connection.query("SELEC 1")) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "42601")
        }
        XCTAssertEqual(connection.preparedStatementCount, count)
    }

    func testCommitAfterPipelineEndsTransaction() throws {
        let pool = PostgresPool(url: try TestDatabases.appURL(), size: 1, logger: TestDatabases.logger)
        defer { pool.close() }
        let tenantID = UUID()

        let results = try pool.withTenantTransaction(tenantID) { connection in
            try connection.commit(after: [
                PostgresStatement("SELECT current_setting('app.tenant_id') AS tenant"),
                PostgresStatement("SELECT generate_series(1, 3) AS n"),
            ])
        }

        XCTAssertEqual(try results[0].rows[0].uuid("tenant"), tenantID)
        XCTAssertEqual(results[1].rows.count, 3)
        XCTAssertEqual(results[1].command, "SELECT")
    }

    func testFailedCommitPipelineRollsBack() throws {
        let pool = PostgresPool(url: try TestDatabases.appURL(), size: 1, logger: TestDatabases.logger)
        defer { pool.close() }

        XCTAssertThrowsError(
            try pool.withTenantTransaction(UUID()) { connection in
                try connection.commit(after: [PostgresStatement("SELECT 1 / $1::int", [0])])
            }
        ) { error in XCTAssertEqual((error as? PostgresError)?.sqlState, "22012") }
        try pool.withConnection { connection in
            XCTAssertTrue(connection.isReusable)
        }
    }
}
