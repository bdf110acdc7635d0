import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// A job that a worker may run: queued, or running with an expired lease.
public struct PendingImportJob: Sendable, Equatable {
    public var tenantID: UUID
    public var jobID: UUID
}

/// The outcome of `claim` for one pending job.
public enum ImportJobClaim: Sendable, Equatable {
    /// The job is now running under this worker's lease, with an empty report.
    case claimed
    /// Another worker claimed or finished the job first.
    case taken
    /// The job had used all its attempts and was marked failed.
    case failed
}

extension PostgresImportJobRepository {
    /// Returns up to `limit` pending jobs of every tenant, oldest first.
    public func pending(limit: Int) throws -> [PendingImportJob] {
        // The owner-only function reads across tenants; the application role cannot otherwise.
        try database.withTransaction { connection in
            try connection.query("SELECT tenant_id, id FROM catalog.pending_import_jobs($1)", [limit]).map { row in
                PendingImportJob(tenantID: try row.uuid("tenant_id"), jobID: try row.uuid("id"))
            }
        }
    }

    /// Marks a pending job running with a fresh lease and an empty report, or fails it when it
    /// already started `maximumAttempts` times.
    ///
    /// The job row is locked first, so of two workers claiming the same job one gets `.claimed`
    /// and the other `.taken`.
    public func claim(_ pending: PendingImportJob, maximumAttempts: Int) throws -> ImportJobClaim {
        try database.withTenantTransaction(pending.tenantID) { connection in
            let rows = try connection.query(
                """
                SELECT status, attempts, coalesce(lease_expires_at < now(), true) AS lease_expired
                FROM catalog.import_jobs WHERE tenant_id = $1 AND id = $2 FOR UPDATE
                """, [pending.tenantID, pending.jobID])
            guard let row = rows.first else { return .taken }
            let status = try row.string("status")
            let leaseExpired = try row.bool("lease_expired")
            guard status == "queued" || (status == "running" && leaseExpired) else { return .taken }
            if try row.int("attempts") >= maximumAttempts {
                try fail(pending, on: connection)
                return .failed
            }
            try start(pending, on: connection)
            return .claimed
        }
    }

    private func start(_ pending: PendingImportJob, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            UPDATE catalog.import_jobs SET status = 'running', attempts = attempts + 1,
                lease_expires_at = now() + $3::integer * interval '1 second', updated_at = now(),
                rows_total = 0, rows_done = 0, products_created = 0, products_updated = 0,
                variants_created = 0, variants_updated = 0, error_count = 0, warning_count = 0,
                failure_message = NULL
            WHERE tenant_id = $1 AND id = $2
            """, [pending.tenantID, pending.jobID, leaseSeconds])
        try connection.execute(
            "DELETE FROM catalog.import_job_issues WHERE tenant_id = $1 AND job_id = $2",
            [pending.tenantID, pending.jobID])
    }

    private func fail(_ pending: PendingImportJob, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            UPDATE catalog.import_jobs SET status = 'failed', lease_expires_at = NULL, updated_at = now(),
                finished_at = now(), failure_message = $3
            WHERE tenant_id = $1 AND id = $2
            """,
            [pending.tenantID, pending.jobID,
             "The import was interrupted by server restarts too often and was stopped. Upload the file again."])
        try connection.execute(
            "DELETE FROM catalog.import_files WHERE tenant_id = $1 AND job_id = $2", [pending.tenantID, pending.jobID])
    }

    /// Refreshes the planner's statistics of the product tables, which an import of many
    /// products changes faster than autovacuum notices.
    public func analyzeProductTables() throws {
        try database.withTransaction { connection in
            try connection.execute("SELECT catalog.analyze_product_tables()")
        }
    }
}
