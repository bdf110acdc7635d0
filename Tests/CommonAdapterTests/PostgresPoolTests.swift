@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class PostgresPoolTests: XCTestCase {
    private var pool: PostgresPool!
    private var schema: String?

    override func setUpWithError() throws {
        pool = PostgresPool(url: try TestDatabases.appURL(), size: 3, logger: TestDatabases.logger)
    }

    override func tearDown() {
        pool?.close()
        if let schema { TestDatabases.dropSchema(schema) }
    }

    /// Creates a schema with `items (id uuid PRIMARY KEY, sku text UNIQUE, quantity int)`.
    private func makeItemsTable() throws -> String {
        let schema = try TestDatabases.migrateSchema("pool", """
            CREATE TABLE items (
                id uuid PRIMARY KEY,
                sku text NOT NULL CONSTRAINT items_sku_key UNIQUE,
                quantity integer NOT NULL DEFAULT 0
            );
            """)
        self.schema = schema
        return "\"\(schema)\".items"
    }

    func testEveryEncodableRoundTrips() throws {
        let id = UUID()
        let date = Date(timeIntervalSince1970: 1_714_555_800.123456)
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff]
        let rows = try pool.withConnection { connection in
            try connection.query(
                """
                SELECT $1::text AS text, $2::int8 AS int, $3::int8 AS int64, $4::int4 AS int32, $5::bool AS yes,
                       $6::float8 AS double, $7::uuid AS id, $8::timestamptz AS at, $9::bytea AS bytes,
                       $10::jsonb AS document, $11::text AS missing, $12::float8 AS infinite
                """,
                ["it's \"quoted\" ✓", Int.max, Int64.min, Int32(-7), true, 0.1, id, date, bytes,
                 JSONText(#"{"b": 1, "a": [true]}"#), String?.none, Double.infinity])
        }
        let row = try XCTUnwrap(rows.first)

        XCTAssertEqual(try row.string("text"), "it's \"quoted\" ✓")
        XCTAssertEqual(try row.int("int"), Int.max)
        XCTAssertEqual(try row.int64("int64"), Int64.min)
        XCTAssertEqual(try row.int("int32"), -7)
        XCTAssertEqual(try row.bool("yes"), true)
        XCTAssertEqual(try row.double("double"), 0.1)
        XCTAssertEqual(try row.uuid("id"), id)
        XCTAssertEqual(try row.date("at").timeIntervalSince1970, date.timeIntervalSince1970, accuracy: 0.000_001)
        XCTAssertEqual(try row.bytes("bytes"), bytes)
        XCTAssertEqual(try row.string("document"), #"{"a": [true], "b": 1}"#)
        XCTAssertTrue(row.isNull("missing"))
        XCTAssertNil(try row.optionalString("missing"))
        XCTAssertEqual(try row.double("infinite"), .infinity)
    }

    func testServerTimestampsDecodeInUTC() throws {
        let row = try XCTUnwrap(pool.withConnection { connection in
            try connection.query(
                "SELECT current_setting('TimeZone') AS zone, '2024-05-01 12:00:00.5+06'::timestamptz AS at, now() AS now")
        }.first)

        XCTAssertEqual(try row.string("zone"), "UTC")
        XCTAssertEqual(try row.date("at"), Date(timeIntervalSince1970: 1_714_543_200.5))
        XCTAssertEqual(try row.date("now").timeIntervalSinceNow, 0, accuracy: 60)
    }

    func testDecodingErrorsNameColumnAndType() throws {
        let row = try XCTUnwrap(pool.withConnection { connection in
            try connection.query("SELECT NULL::int AS empty, 'abc' AS word")
        }.first)

        XCTAssertThrowsError(try row.int("empty")) { error in
            XCTAssertEqual(String(describing: error), "database column empty could not be read as Int")
        }
        XCTAssertNil(try row.optionalInt("empty"))
        XCTAssertThrowsError(try row.uuid("word"))
        XCTAssertThrowsError(try row.optionalUUID("word"))
        XCTAssertThrowsError(try row.string("absent")) { error in
            XCTAssertTrue(String(describing: error).contains("absent"))
        }
    }

    func testExecuteCountsAffectedRows() throws {
        let table = try makeItemsTable()
        let counts = try pool.withConnection { connection in
            let inserted = try connection.execute(
                "INSERT INTO \(table) (id, sku) VALUES ($1, 'a'), ($2, 'b'), ($3, 'c')", [UUID(), UUID(), UUID()])
            let updated = try connection.execute("UPDATE \(table) SET quantity = 5 WHERE sku <> $1", ["a"])
            let deleted = try connection.execute("DELETE FROM \(table) WHERE sku = 'none'")
            return [inserted, updated, deleted]
        }
        XCTAssertEqual(counts, [3, 2, 0])
    }

    func testUniqueViolationIsDetected() throws {
        let table = try makeItemsTable()
        try pool.withConnection { connection in
            try connection.execute("INSERT INTO \(table) (id, sku) VALUES ($1, $2)", [UUID(), "SKU-SECRET-1"])
        }

        XCTAssertThrowsError(
            try pool.withConnection { connection in
                try connection.execute("INSERT INTO \(table) (id, sku) VALUES ($1, $2)", [UUID(), "SKU-SECRET-1"])
            }
        ) { error in
            guard let error = error as? PostgresError else { return XCTFail("expected PostgresError, got \(error)") }
            XCTAssertTrue(error.isUniqueViolation)
            XCTAssertEqual(error.sqlState, "23505")
            XCTAssertEqual(error.constraint, "items_sku_key")
            XCTAssertFalse(error.isConnectionFailure)
            XCTAssertEqual(error.description, "database error 23505")
            XCTAssertTrue(error.debugDescription.contains("items_sku_key"), error.debugDescription)
        }
    }

    func testTransactionRollsBackWhenBodyThrows() throws {
        struct Abort: Error {}
        let table = try makeItemsTable()

        XCTAssertThrowsError(
            try pool.withTransaction { connection in
                try connection.execute("INSERT INTO \(table) (id, sku) VALUES ($1, 'kept?')", [UUID()])
                throw Abort()
            }
        ) { error in XCTAssertTrue(error is Abort) }

        let count = try pool.withConnection { try $0.query("SELECT count(*) AS n FROM \(table)")[0].int("n") }
        XCTAssertEqual(count, 0)
    }

    func testTransactionCommitsWhenBodyReturns() throws {
        let table = try makeItemsTable()
        let returned = try pool.withTransaction { connection in
            try connection.execute("INSERT INTO \(table) (id, sku) VALUES ($1, 'kept')", [UUID()])
        }

        let count = try pool.withConnection { try $0.query("SELECT count(*) AS n FROM \(table)")[0].int("n") }
        XCTAssertEqual(returned, 1)
        XCTAssertEqual(count, 1)
    }

    func testCaughtStatementFailureFailsCommit() throws {
        let table = try makeItemsTable()
        XCTAssertThrowsError(
            try pool.withTransaction { connection in
                try connection.execute("INSERT INTO \(table) (id, sku) VALUES ($1, 'lost')", [UUID()])
                _ = try? connection.execute("SELECT 1 / 0")
            }
        ) { error in XCTAssertEqual((error as? PostgresError)?.sqlState, "25P02") }

        let count = try pool.withConnection { try $0.query("SELECT count(*) AS n FROM \(table)")[0].int("n") }
        XCTAssertEqual(count, 0)
    }

    func testTenantSettingLastsOneTransaction() throws {
        let tenantID = UUID()
        let inside = try pool.withTenantTransaction(tenantID) { connection in
            try connection.query("SELECT current_setting('app.tenant_id') AS tenant")[0].uuid("tenant")
        }
        let after = try pool.withConnection { connection in
            try connection.query("SELECT current_setting('app.tenant_id', true) AS tenant")[0].optionalString("tenant")
        }

        XCTAssertEqual(inside, tenantID)
        XCTAssertTrue(after == nil || after == "", "the setting leaked: \(after ?? "")")
    }

    func testPipelineFailureLeavesConnectionUsable() throws {
        try pool.withConnection { connection in
            XCTAssertThrowsError(
                try connection.pipeline([
                    PostgresStatement("SELECT 1 / $1::int", [0]),
                    PostgresStatement("SELECT 2"),
                ])
            ) { error in XCTAssertEqual((error as? PostgresError)?.sqlState, "22012") }

            XCTAssertTrue(connection.isReusable)
            XCTAssertEqual(try connection.query("SELECT 3 AS n")[0].int("n"), 3)
        }
    }

    func testPipelineReadsLastResultInPlace() throws {
        let tenantID = UUID()
        let read = try pool.withConnection { connection in
            try connection.pipeline(
                [
                    PostgresStatement("SELECT set_config('app.tenant_id', $1, true)", [tenantID]),
                    PostgresStatement(
                        """
                        SELECT current_setting('app.tenant_id') AS tenant, v.body, v.n
                        FROM (VALUES (1, $1::text), (2, NULL), (3, '')) AS v (n, body) ORDER BY v.n
                        """, ["Jamdani শাড়ি, 2 m"]),
                ],
                readingLast: { cells in
                    let body = try cells.column("body")
                    XCTAssertThrowsError(try cells.column("missing"))
                    let values = (0..<cells.rowCount).map { row in
                        cells.withValue(row: row, column: body) { bytes in bytes.map { Array($0) } }
                    }
                    return (values, try cells.row(0).uuid("tenant"), try cells.row(2).int("n"))
                })
        }

        XCTAssertEqual(read.0, [Array("Jamdani শাড়ি, 2 m".utf8), nil, []])
        XCTAssertEqual(read.1, tenantID, "the first statement's setting did not reach the last")
        XCTAssertEqual(read.2, 3)
    }

    func testFailedPipelineReadKeepsConnection() throws {
        struct ReaderError: Error {}
        try pool.withConnection { connection in
            var called = false
            XCTAssertThrowsError(
                try connection.pipeline([PostgresStatement("SELECT 1"), PostgresStatement("SELECT 1 / $1::int AS n", [0])]) { _ in
                    called = true
                }
            ) { error in XCTAssertEqual((error as? PostgresError)?.sqlState, "22012") }
            XCTAssertFalse(called, "the reader ran on a failed statement")

            XCTAssertThrowsError(try connection.pipeline([PostgresStatement("")]) { _ in called = true })
            XCTAssertFalse(called, "the reader ran on an empty statement")

            XCTAssertThrowsError(
                try connection.pipeline([PostgresStatement("SELECT 2 AS n")]) { _ in throw ReaderError() }
            ) { error in XCTAssertTrue(error is ReaderError) }

            XCTAssertTrue(connection.isReusable)
            let n = try connection.pipeline([PostgresStatement("SELECT 3 AS n")]) { try $0.row(0).int("n") }
            XCTAssertEqual(n, 3)
        }
    }

    func testConnectionWithLargeValueIsClosed() throws {
        let single = PostgresPool(url: try TestDatabases.appURL(), size: 1, logger: TestDatabases.logger)
        defer { single.close() }
        let backend = { (connection: PostgresConnection) in try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid") }
        let large = String(repeating: "x", count: PostgresConnection.largeValueBytes)

        let first = try single.withConnection(backend)
        XCTAssertEqual(try single.withConnection(backend), first, "an ordinary connection was not reused")

        let received = try single.withConnection { connection in
            let length = try connection.query("SELECT repeat('x', $1) AS text", [large.utf8.count])[0].string("text").utf8.count
            return (try backend(connection), length)
        }
        XCTAssertEqual(received.1, large.utf8.count)
        let afterReceiving = try single.withConnection(backend)
        XCTAssertNotEqual(afterReceiving, received.0, "the connection that received a large value was reused")

        let sent = try single.withConnection { connection in
            try connection.pipeline([PostgresStatement("SELECT length($1::text) AS n", [large])]) { cells in
                (try cells.row(0).int("n"), try backend(connection))
            }
        }
        XCTAssertEqual(sent.0, large.utf8.count)
        XCTAssertNotEqual(try single.withConnection(backend), sent.1, "the connection that sent a large value was reused")
    }

    func testConnectionLeftInTransactionIsDiscarded() throws {
        let firstProcess = try pool.withConnection { connection in
            try connection.execute("BEGIN")
            return try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
        }
        let processes = try (0..<3).map { _ in
            try pool.withConnection { connection in
                XCTAssertTrue(connection.isReusable, "the pool lent out a connection inside a transaction")
                return try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
            }
        }
        XCTAssertFalse(processes.contains(firstProcess))
    }

    func testExhaustedPoolTimesOut() throws {
        let small = PostgresPool(url: try TestDatabases.appURL(), size: 1, logger: TestDatabases.logger, checkoutTimeout: 0.2)
        defer { small.close() }
        let started = Date()

        XCTAssertThrowsError(try small.withConnection { _ in try small.ping() }) { error in
            XCTAssertEqual((error as? AppError)?.code, "database.unavailable")
            XCTAssertEqual((error as? AppError)?.kind, .unavailable)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertNoThrow(try small.ping())
    }

    func testUnreachableServerIsUnavailable() {
        let nowhere = PostgresPool(
            url: "postgresql:///commerce?host=/nonexistent-socket-dir&user=nobody", size: 1, logger: TestDatabases.logger)

        XCTAssertThrowsError(try nowhere.ping()) { error in
            XCTAssertEqual((error as? AppError)?.code, "database.unavailable")
            XCTAssertEqual((error as? AppError)?.detail, "The database is unreachable.")
        }
    }

    func testClosedPoolRejectsCheckout() throws {
        try pool.ping()
        pool.close()
        XCTAssertThrowsError(try pool.ping()) { error in
            XCTAssertEqual((error as? AppError)?.code, "database.unavailable")
        }
    }

    func testConcurrentTransactionsShareThePool() throws {
        let table = try makeItemsTable()
        let failures = Mutex<[String]>([])
        let pool = try XCTUnwrap(self.pool)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<15 {
                do {
                    try pool.withTenantTransaction(UUID()) { connection in
                        try connection.execute("INSERT INTO \(table) (id, sku) VALUES ($1, $2)", [UUID(), "w\(worker)-\(index)"])
                    }
                } catch {
                    failures.withLock { $0.append(String(reflecting: error)) }
                }
            }
        }

        XCTAssertEqual(failures.withLock { $0 }, [])
        let count = try pool.withConnection { try $0.query("SELECT count(*) AS n FROM \(table)")[0].int("n") }
        XCTAssertEqual(count, 120)
    }
}
