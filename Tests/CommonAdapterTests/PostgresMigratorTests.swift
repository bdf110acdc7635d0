@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class PostgresMigratorTests: XCTestCase {
    private var schema = ""
    private let migrations = [
        Migration(version: 2, name: "add stock", sql: "ALTER TABLE products ADD COLUMN stock integer NOT NULL DEFAULT 0;"),
        Migration(version: 1, name: "create products", sql: """
            CREATE TABLE products (id bigserial PRIMARY KEY, title text NOT NULL);
            CREATE INDEX products_title ON products (title);
            """),
    ]

    override func setUp() {
        schema = TestDatabases.uniqueSchema("migrate")
    }

    override func tearDown() {
        TestDatabases.dropSchema(schema)
    }

    private func migrator(schema: String? = nil, appRole: String = "commerce_app") throws -> PostgresMigrator {
        PostgresMigrator(url: try TestDatabases.ownerURL(), schema: schema ?? self.schema, appRole: appRole, logger: TestDatabases.logger)
    }

    private func recordedVersions() throws -> [Int] {
        let connection = try PostgresConnection(url: try TestDatabases.ownerURL(), logger: TestDatabases.logger)
        return try connection.query("SELECT version FROM \"\(schema)\".schema_migrations ORDER BY version").map { try $0.int("version") }
    }

    func testSecondRunAppliesNothing() throws {
        XCTAssertEqual(try migrator().migrate(migrations), [1, 2])
        XCTAssertEqual(try migrator().migrate(migrations), [])
        XCTAssertEqual(try recordedVersions(), [1, 2])
    }

    func testLaterMigrationAppliesAlone() throws {
        XCTAssertEqual(try migrator().migrate(Array(migrations.suffix(1))), [1])
        let third = Migration(version: 3, name: "add note", sql: "ALTER TABLE products ADD COLUMN note text;")

        XCTAssertEqual(try migrator().migrate(migrations + [third]), [2, 3])
        XCTAssertEqual(try recordedVersions(), [1, 2, 3])
    }

    func testConcurrentRunsApplyEachVersionOnce() throws {
        let migrators = [try migrator(), try migrator()]
        let results = Mutex<[Result<[Int], any Error>]>([])
        let slowMigrations = migrations + [Migration(version: 3, name: "slow", sql: "SELECT pg_sleep(0.2);")]

        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Result { try migrators[index].migrate(slowMigrations) }
            results.withLock { $0.append(result) }
        }

        let applied = try results.withLock { try $0.map { try $0.get() } }
        XCTAssertEqual(applied.count, 2)
        XCTAssertEqual(applied.flatMap { $0 }.sorted(), [1, 2, 3])
        XCTAssertTrue(applied.contains([]), "one run should have found everything applied: \(applied)")
        XCTAssertEqual(try recordedVersions(), [1, 2, 3])
    }

    func testFailedMigrationLeavesNoTrace() throws {
        let broken = Migration(version: 3, name: "broken", sql: """
            CREATE TABLE half_done (id int);
            ALTER TABLE missing_table ADD COLUMN x int;
            """)

        XCTAssertThrowsError(try migrator().migrate(migrations + [broken])) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "42P01")
        }
        XCTAssertEqual(try recordedVersions(), [1, 2])
        let connection = try PostgresConnection(url: try TestDatabases.ownerURL(), logger: TestDatabases.logger)
        let leftovers = try connection.query("SELECT to_regclass($1) IS NULL AS gone", ["\"\(schema)\".half_done"])
        XCTAssertTrue(try leftovers[0].bool("gone"))
    }

    func testAppRoleGetsDataAccessOnly() throws {
        _ = try migrator().migrate(migrations)
        let app = try PostgresConnection(url: try TestDatabases.appURL(), logger: TestDatabases.logger)

        XCTAssertEqual(try app.execute("INSERT INTO \"\(schema)\".products (title) VALUES ($1)", ["Tea"]), 1)
        XCTAssertEqual(try app.query("SELECT version FROM \"\(schema)\".schema_migrations").count, 2)
        XCTAssertThrowsError(try app.execute("CREATE TABLE \"\(schema)\".intruder (id int)")) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "42501")
        }
        XCTAssertThrowsError(try app.execute("DELETE FROM \"\(schema)\".schema_migrations")) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "42501")
        }
        XCTAssertThrowsError(try app.execute("DROP TABLE \"\(schema)\".products")) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "42501")
        }
    }

    func testUnsafeNamesAreRejected() throws {
        for (schema, role) in [("Bad", "commerce_app"), ("x; DROP", "commerce_app"), ("1abc", "commerce_app"), ("ok", "a\"b"), ("", "commerce_app")] {
            XCTAssertThrowsError(try migrator(schema: schema, appRole: role).migrate(migrations)) { error in
                XCTAssertEqual((error as? AppError)?.kind, .invalidInput, "\(schema) / \(role)")
            }
        }
    }

    func testDuplicateVersionsAreRejected() throws {
        let duplicated = migrations + [Migration(version: 1, name: "again", sql: "SELECT 1;")]
        XCTAssertThrowsError(try migrator().migrate(duplicated)) { error in
            XCTAssertEqual((error as? AppError)?.kind, .invalidInput)
        }
    }
}
