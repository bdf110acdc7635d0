import CatalogAdapters
import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Import jobs survive a restart: jobs left queued run, a job whose process died while it ran
/// runs again, and one that died on its last attempt fails with a message saying so.
///
/// The jobs are written straight into the database, as a process that died would leave them.
/// The running catalog-svc's worker may take some of them before this test's worker does.
/// Claiming makes each job run once either way, so the checks look only at the outcomes.
final class CatalogImportRecoveryTests: XCTestCase {
    func testWorkerRecoversJobsLeftByDeadProcess() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-recover", plan: "enterprise")
        let database = try CatalogDatabase.open()
        defer { database.close() }
        let jobs = PostgresImportJobRepository(database: database.pool, leaseSeconds: 60)
        let tenants = HTTPTenantDirectory(
            baseURL: try platform.variable("COMMERCE_TEST_SERVICE_URL_TENANT_SVC"), client: PlatformHarness.client)
        let worker = ImportWorker(
            jobs: jobs,
            importer: ImportShopifyCSV(
                products: database.repositories.products, inventory: database.repositories.inventory, jobs: jobs),
            tenants: tenants, logger: CatalogDatabase.logger, maximumAttempts: 2)

        let queued = try leftJob(jobs, shop, csv: "Handle,Title,Variant Price\nqueued-mat,Queued Mat,5.00\n")
        let interrupted = try leftJob(jobs, shop, status: .running, csv: "Handle,Title,Variant Price\nrerun-mat,Rerun Mat,6.00\n")
        try database.setRunning(interrupted, tenantID: shop.id, attempts: 1, leaseFromNow: "-1 minute")
        let exhausted = try leftJob(jobs, shop, status: .running, csv: "Handle,Title,Variant Price\nlost-mat,Lost Mat,7.00\n")
        try database.setRunning(exhausted, tenantID: shop.id, attempts: 99, leaseFromNow: "-1 minute")
        let active = try leftJob(jobs, shop, status: .running, csv: "Handle,Title,Variant Price\nbusy-mat,Busy Mat,8.00\n")
        try database.setRunning(active, tenantID: shop.id, attempts: 1, leaseFromNow: "10 minutes")
        defer { try? database.deleteJob(active, tenantID: shop.id) }

        worker.runPending()
        for id in [queued, interrupted] {
            let job = try platform.waitForImport(id.uuidString.lowercased(), in: shop, timeout: 60)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["products_created"] as? Int, 1, "\(job)")
            XCTAssertNil(try jobs.file(jobID: id, tenantID: shop.id), "file kept after the job finished")
        }
        let lost = try platform.waitForImport(exhausted.uuidString.lowercased(), in: shop, timeout: 60)
        XCTAssertEqual(lost["status"] as? String, "failed")
        XCTAssertTrue((lost["failure_message"] as? String ?? "").contains("Upload the file again"), "\(lost)")
        XCTAssertEqual(try jobs.find(id: active, tenantID: shop.id)?.status, .running, "a job with a live lease was taken")

        let handles = Set(try platform.allProducts(in: shop, token: shop.ownerToken).compactMap { $0["handle"] as? String })
        XCTAssertEqual(handles, ["queued-mat", "rerun-mat"])
    }

    /// Stores a job with its file and returns its id. A running job starts without a lease,
    /// which no worker takes, until `setRunning` gives it one.
    private func leftJob(
        _ jobs: PostgresImportJobRepository, _ shop: Shop, status: ImportJob.Status = .queued, csv: String
    ) throws -> UUID {
        let now = Date().truncatedToMilliseconds
        let job = ImportJob(tenantID: shop.id, fileName: "left.csv", status: status, createdAt: now, updatedAt: now)
        try jobs.create(job, file: Array(csv.utf8), tenantID: shop.id)
        return job.id
    }
}

extension CatalogDatabase {
    /// Marks a job running since an earlier attempt, with its lease ending at `leaseFromNow`
    /// (a PostgreSQL interval such as `-1 minute`).
    func setRunning(_ id: UUID, tenantID: UUID, attempts: Int, leaseFromNow: String) throws {
        try pool.withTenantTransaction(tenantID) { connection in
            try connection.execute(
                """
                UPDATE catalog.import_jobs SET status = 'running', attempts = $3,
                    lease_expires_at = now() + $4::interval
                WHERE tenant_id = $1 AND id = $2
                """, [tenantID, id, attempts, leaseFromNow])
        }
    }

    func deleteJob(_ id: UUID, tenantID: UUID) throws {
        try pool.withTenantTransaction(tenantID) { connection in
            try connection.execute("DELETE FROM catalog.import_jobs WHERE tenant_id = $1 AND id = $2", [tenantID, id])
        }
    }
}
