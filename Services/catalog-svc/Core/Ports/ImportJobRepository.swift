import FoundationEssentials

/// Stores the state and report of catalog imports, scoped to one tenant per call.
public protocol ImportJobRepository: Sendable {
    /// Stores a new job; throws `conflict` with code `import.exists` for a repeated id.
    func create(_ job: ImportJob, tenantID: UUID) throws

    /// Replaces the stored job with `job.id`; throws `import.not_found`.
    func update(_ job: ImportJob, tenantID: UUID) throws

    func find(id: UUID, tenantID: UUID) throws -> ImportJob?

    /// Returns the tenant's most recent jobs, newest first, at most `limit`.
    func list(tenantID: UUID, limit: Int) throws -> [ImportJob]
}
