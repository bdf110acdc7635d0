import CommonAdapters
import CommonKernel
import Foundation
import OrderAdapters
import OrderCore
import XCTest

/// Runs the order store's contract against the PostgreSQL adapter, connected as the application
/// role so that row-level security applies. Each check makes its own tenant ids.
final class OrderRepositoryContractTests: XCTestCase {
    func testPostgresStoreKeepsContract() throws {
        let database = try OrderDatabase.open()
        defer { database.close() }
        let checks = OrderStoreContract.checks
        XCTAssertGreaterThanOrEqual(checks.count, 19, "the contract lost checks")
        for check in checks {
            do {
                try check.run(database.underTest)
            } catch {
                XCTFail("\(check.name): \(error) \(String(reflecting: error))")
            }
        }
    }

    func testRowSecurityHidesOrdersWithoutTenant() throws {
        let database = try OrderDatabase.open()
        defer { database.close() }
        let tenant = UUID()
        let order = try OrderFixtures.order(tenantID: tenant, number: 1001)
        try database.store.transaction(tenantID: tenant) { try $0.orders.insert(order, tenantID: tenant) }

        for table in ["orders", "order_lines", "order_addresses", "order_history", "order_payments"] {
            let unscoped = try database.pool.withTransaction { connection in
                try connection.query("SELECT count(*) AS visible FROM ordering.\(table)")[0].int("visible")
            }
            XCTAssertEqual(unscoped, 0, "\(table) visible outside any tenant transaction")
            let otherTenant = try database.pool.withTenantTransaction(UUID()) { connection in
                try connection.query("SELECT count(*) AS visible FROM ordering.\(table)")[0].int("visible")
            }
            XCTAssertEqual(otherTenant, 0, "\(table) visible to another tenant")
        }
        let due = try database.pool.withConnection { connection in
            try connection.query(
                "SELECT count(*) AS due FROM ordering.tenants_with_due_work(now() + interval '1 day', now())")[0]
                .int("due")
        }
        XCTAssertGreaterThanOrEqual(due, 1, "the maintenance scan misses an expired hold")
    }
}

/// The ordering schema, migrated by the owner role, and a store connected as the application
/// role, from `COMMERCE_TEST_OWNER_DATABASE_URL` and `COMMERCE_TEST_DATABASE_URL`.
struct OrderDatabase {
    static let logger = Logger(label: "order-tests", level: .error)

    let pool: PostgresPool
    let store: PostgresOrderStore

    /// Migrates the schema (a no-op when it is current) and opens a pool; skips without the variables.
    static func open(poolSize: Int = 16) throws -> OrderDatabase {
        let environment = ProcessInfo.processInfo.environment
        guard let appURL = environment["COMMERCE_TEST_DATABASE_URL"],
            let ownerURL = environment["COMMERCE_TEST_OWNER_DATABASE_URL"]
        else {
            throw XCTSkip("COMMERCE_TEST_DATABASE_URL and COMMERCE_TEST_OWNER_DATABASE_URL are not set")
        }
        let migrator = PostgresMigrator(
            url: ownerURL, schema: OrderMigrations.schema, appRole: "commerce_app", logger: logger)
        _ = try migrator.migrate(OrderMigrations.all)
        let pool = PostgresPool(url: appURL, size: poolSize, logger: logger)
        return OrderDatabase(pool: pool, store: PostgresOrderStore(database: pool))
    }

    var underTest: OrderStoreUnderTest {
        let store = self.store
        return OrderStoreUnderTest(store: store, events: { try store.events(tenantID: $0) })
    }

    func close() {
        pool.close()
    }
}
