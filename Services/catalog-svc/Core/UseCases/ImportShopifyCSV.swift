import CommonKernel
import FoundationEssentials

/// Imports a Shopify product CSV into a tenant's catalog, creating or updating products by handle.
///
/// A re-import of the same file updates the products it created instead of duplicating them.
/// Bad rows are skipped with errors that name their row and column while good rows go in, and
/// no row is ever half-imported. The job's report counts rows, products and variants.
public struct ImportShopifyCSV: Sendable {
    /// The largest file accepted, in bytes.
    public static let maximumFileBytes = 64 * 1024 * 1024
    /// How many products are imported between two saves of the job's progress.
    static let progressInterval = 50

    let products: any ProductRepository
    let inventory: any InventoryRepository
    let jobs: any ImportJobRepository
    let clock: @Sendable () -> Date

    public init(
        products: any ProductRepository, inventory: any InventoryRepository, jobs: any ImportJobRepository,
        clock: @escaping @Sendable () -> Date = catalogClock
    ) {
        self.products = products
        self.inventory = inventory
        self.jobs = jobs
        self.clock = clock
    }

    /// Stores a queued job, so a caller can return its id before running `execute` in the background.
    public func enqueue(fileName: String, tenant: TenantRecord) throws -> ImportJob {
        let now = clock()
        let job = ImportJob(tenantID: tenant.id, fileName: fileName, createdAt: now, updatedAt: now)
        try jobs.create(job, tenantID: tenant.id)
        return job
    }

    /// Runs the import and returns the finished job; `jobID` names a job made by `enqueue`.
    ///
    /// Throws `payloadTooLarge` for a file larger than `maximumFileBytes`, and `invalidInput` for
    /// a file rejected as a whole: not UTF-8, with an unclosed quote, empty, or without a
    /// required column such as Handle. The job is then stored as failed with that message. Errors of the stores abort the import
    /// and are rethrown after the job is marked failed with a generic message.
    public func execute(
        csv: [UInt8], fileName: String = "", tenant: TenantRecord, jobID: UUID? = nil
    ) throws -> ImportJob {
        var job = try startJob(id: jobID, fileName: fileName, tenant: tenant)
        do {
            let currency = try Currency(code: tenant.currency)
            let (header, records) = try Self.readFile(csv)
            var run = ShopifyImportRun(
                header: header, mapper: ShopifyProductMapper(header: header, currency: currency), tenant: tenant,
                products: products, inventory: inventory, clock: clock)
            job.report.rowsTotal = records.count
            try run.importRecords(records, into: &job) { try jobs.update($0, tenantID: tenant.id) }
            job.status = .succeeded
        } catch {
            // The original error matters more to the caller than a failure to record it.
            try? finish(&job, failure: Self.failureMessage(for: error))
            throw error
        }
        try finish(&job, failure: nil)
        return job
    }

    private func startJob(id: UUID?, fileName: String, tenant: TenantRecord) throws -> ImportJob {
        var job =
            try id.flatMap { try jobs.find(id: $0, tenantID: tenant.id) } ?? enqueue(fileName: fileName, tenant: tenant)
        job.status = .running
        job.updatedAt = clock()
        try jobs.update(job, tenantID: tenant.id)
        return job
    }

    private func finish(_ job: inout ImportJob, failure: String?) throws {
        let now = clock()
        if let failure {
            job.status = .failed
            job.failureMessage = failure
        }
        job.updatedAt = now
        job.finishedAt = now
        try jobs.update(job, tenantID: job.tenantID)
    }

    /// Returns the message stored on a failed job: the detail of a rejected file, or a generic text for
    /// store failures, whose details belong in the log rather than in a client-visible report.
    static func failureMessage(for error: Error) -> String {
        if let error = error as? AppError, [.invalidInput, .payloadTooLarge].contains(error.kind) {
            return error.detail
        }
        return "The import stopped because of a server error. Try again later."
    }

    /// Checks that `csv` is a file the import can read at all, so that an upload can be rejected
    /// before a job is queued. Throws what `execute` throws for a file rejected as a whole.
    public static func checkFile(_ csv: [UInt8]) throws {
        _ = try readFile(csv)
    }

    static func readFile(_ csv: [UInt8]) throws -> (ShopifyHeader, ArraySlice<CSVRecord>) {
        if csv.count > maximumFileBytes {
            throw AppError(
                .payloadTooLarge, code: "import.file_too_large",
                detail:
                    "The file has \(csv.count) bytes; the maximum is \(maximumFileBytes). Split it into smaller files.")
        }
        let records = try CSVReader.records(from: csv)
        guard let first = records.first else {
            throw AppError(
                .invalidInput, code: "import.empty_file",
                detail: "The file is empty. Upload a Shopify product CSV with a header row.")
        }
        return (try ShopifyHeader(first), records.dropFirst())
    }
}
