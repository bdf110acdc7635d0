import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Import jobs in PostgreSQL with their listed problems and, while they wait or run, their files.
///
/// Besides the port, it keeps the queue that `ImportWorker` takes jobs from: a running job
/// holds a lease that each saved update extends, and a job whose lease ran out, because its
/// process died, is offered again.
public struct PostgresImportJobRepository: ImportJobRepository {
    let database: PostgresPool
    /// How long a running job stays claimed after its last saved update.
    let leaseSeconds: Int

    public init(database: PostgresPool, leaseSeconds: Int = 120) {
        self.database = database
        self.leaseSeconds = leaseSeconds
    }

    public func create(_ job: ImportJob, tenantID: UUID) throws {
        try create(job, file: nil, tenantID: tenantID)
    }

    /// Stores a new job and, when given, the file it imports, in one transaction.
    public func create(_ job: ImportJob, file: [UInt8]?, tenantID: UUID) throws {
        guard job.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        do {
            try database.withTenantTransaction(tenantID) { connection in
                try ImportJobRows.insert(job, on: connection)
                try ImportJobRows.syncIssues(of: job, on: connection)
                if let file {
                    try connection.execute(
                        "INSERT INTO catalog.import_files (job_id, tenant_id, content) VALUES ($1, $2, $3)",
                        [job.id, tenantID, file])
                }
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw AppError(.conflict, code: "import.exists", detail: "An import with this id already exists.")
        }
    }

    /// Replaces the job; a running job's lease is extended, and a finished job's file is deleted.
    public func update(_ job: ImportJob, tenantID: UUID) throws {
        guard job.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try database.withTenantTransaction(tenantID) { connection in
            let changed = try ImportJobRows.update(job, leaseSeconds: leaseSeconds, on: connection)
            guard changed == 1 else {
                throw AppError.notFound("Import \(job.id.lowercasedString)", code: "import.not_found")
            }
            try ImportJobRows.syncIssues(of: job, on: connection)
            if job.status == .succeeded || job.status == .failed {
                try connection.execute(
                    "DELETE FROM catalog.import_files WHERE tenant_id = $1 AND job_id = $2", [tenantID, job.id])
            }
        }
    }

    public func find(id: UUID, tenantID: UUID) throws -> ImportJob? {
        try database.withTenantTransaction(tenantID) { connection in
            try ImportJobRows.select("tenant_id = $1 AND id = $2", [tenantID, id], on: connection).first
        }
    }

    public func list(tenantID: UUID, limit: Int) throws -> [ImportJob] {
        try database.withTenantTransaction(tenantID) { connection in
            try ImportJobRows.select(
                "tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", [tenantID, max(0, limit)],
                on: connection)
        }
    }

    /// Returns the uploaded file of a job that has not finished, or nil.
    public func file(jobID: UUID, tenantID: UUID) throws -> [UInt8]? {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT content FROM catalog.import_files WHERE tenant_id = $1 AND job_id = $2", [tenantID, jobID]
            ).first?.bytes("content")
        }
    }
}
