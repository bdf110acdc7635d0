import CommonKernel
import FoundationEssentials

/// An `ImportJobRepository` kept in memory; safe to share between threads.
public struct InMemoryImportJobRepository: ImportJobRepository {
    let storage: InMemoryCatalogStorage

    public init(storage: InMemoryCatalogStorage) {
        self.storage = storage
    }

    public func create(_ job: ImportJob, tenantID: UUID) throws {
        guard job.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try storage.state.withLock { state in
            if state.importJobs[job.id] != nil {
                throw AppError(.conflict, code: "import.exists", detail: "An import with this id already exists.")
            }
            state.importJobs[job.id] = job
        }
    }

    public func update(_ job: ImportJob, tenantID: UUID) throws {
        guard job.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try storage.state.withLock { state in
            guard state.importJobs[job.id]?.tenantID == tenantID else {
                throw AppError.notFound("Import \(job.id.lowercasedString)", code: "import.not_found")
            }
            state.importJobs[job.id] = job
        }
    }

    public func find(id: UUID, tenantID: UUID) throws -> ImportJob? {
        storage.state.withLock { state in state.importJobs[id].flatMap { $0.tenantID == tenantID ? $0 : nil } }
    }

    public func list(tenantID: UUID, limit: Int) throws -> [ImportJob] {
        storage.state.withLock { state in
            let jobs = state.importJobs.values.filter { $0.tenantID == tenantID }
                .sorted { ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString) }
            return Array(jobs.prefix(max(0, limit)))
        }
    }
}
