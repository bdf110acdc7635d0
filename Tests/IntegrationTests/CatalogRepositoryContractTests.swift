import CatalogAdapters
import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Runs the catalog's repository contract against the PostgreSQL adapters, connected as the
/// application role so that row-level security applies. Each check makes its own tenant ids.
final class CatalogRepositoryContractTests: XCTestCase {
    func testPostgresAdaptersKeepContract() throws {
        let database = try CatalogDatabase.open()
        defer { database.close() }
        let checks = CatalogRepositoryContract.checks
        XCTAssertGreaterThan(checks.count, 20, "the contract lost checks")
        for check in checks {
            do {
                try check.run(database.repositories)
            } catch {
                XCTFail("\(check.name): \(error) \(String(reflecting: error))")
            }
        }
    }

    func testRowSecurityHidesProductsWithoutTenant() throws {
        let database = try CatalogDatabase.open()
        defer { database.close() }
        let tenant = UUID()
        let product = CatalogFixtures.product(tenantID: tenant, handle: "rls-probe")
        try database.repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))

        let unscoped = try database.pool.withTransaction { connection in
            try connection.query("SELECT count(*) AS visible FROM catalog.products")[0].int("visible")
        }
        XCTAssertEqual(unscoped, 0, "products visible outside any tenant transaction")
        let otherTenant = try database.pool.withTenantTransaction(UUID()) { connection in
            try connection.query("SELECT count(*) AS visible FROM catalog.variants")[0].int("visible")
        }
        XCTAssertEqual(otherTenant, 0, "variants visible to another tenant")
    }
}

/// The catalog schema, migrated by the owner role, and repositories connected as the
/// application role, from `COMMERCE_TEST_OWNER_DATABASE_URL` and `COMMERCE_TEST_DATABASE_URL`.
struct CatalogDatabase {
    static let logger = Logger(label: "catalog-tests", level: .error)

    let pool: PostgresPool
    let repositories: CatalogRepositories

    /// Migrates the schema (a no-op when it is current) and opens a pool; skips without the variables.
    static func open() throws -> CatalogDatabase {
        let environment = ProcessInfo.processInfo.environment
        guard let appURL = environment["COMMERCE_TEST_DATABASE_URL"],
            let ownerURL = environment["COMMERCE_TEST_OWNER_DATABASE_URL"]
        else {
            throw XCTSkip("COMMERCE_TEST_DATABASE_URL and COMMERCE_TEST_OWNER_DATABASE_URL are not set")
        }
        let migrator = PostgresMigrator(
            url: ownerURL, schema: CatalogMigrations.schema, appRole: "commerce_app", logger: logger)
        _ = try migrator.migrate(CatalogMigrations.all)

        let pool = PostgresPool(url: appURL, size: 8, logger: logger)
        let repositories = CatalogRepositories(
            products: PostgresProductRepository(database: pool), inventory: PostgresInventoryRepository(database: pool),
            collections: PostgresCollectionRepository(database: pool),
            importJobs: PostgresImportJobRepository(database: pool),
            events: { tenantID in try CatalogOutbox.events(tenantID: tenantID, database: pool) })
        return CatalogDatabase(pool: pool, repositories: repositories)
    }

    func close() {
        pool.close()
    }
}
