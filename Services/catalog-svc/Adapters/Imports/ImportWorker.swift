import CatalogCore
import CommonAdapters
import CommonKernel
import Dispatch
import FoundationEssentials
import Synchronization

/// Runs queued imports on a thread of its own, one job at a time, from the jobs table.
///
/// It looks for work when woken by an upload and every `pollInterval` seconds, so it also
/// picks up jobs queued by other processes, jobs left queued by a restart, and running jobs
/// whose process died (their lease expired). Several processes may run workers: claiming a
/// job locks its row, so each job runs in one process at a time.
public final class ImportWorker: Sendable {
    private let jobs: PostgresImportJobRepository
    private let importer: ImportShopifyCSV
    private let tenants: any TenantDirectory
    private let logger: Logger
    private let pollInterval: Double
    private let maximumAttempts: Int
    private let wakeUp = DispatchSemaphore(value: 0)
    private let isRunning = Atomic<Bool>(false)

    public init(
        jobs: PostgresImportJobRepository, importer: ImportShopifyCSV, tenants: any TenantDirectory, logger: Logger,
        pollInterval: Double = 2, maximumAttempts: Int = 3
    ) {
        self.jobs = jobs
        self.importer = importer
        self.tenants = tenants
        self.logger = logger
        self.pollInterval = pollInterval
        self.maximumAttempts = maximumAttempts
    }

    /// Starts the worker thread; later calls do nothing while it runs.
    public func start() {
        guard isRunning.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
        else { return }
        WorkerThread.start(name: "import-worker") { [self] in
            while isRunning.load(ordering: .sequentiallyConsistent) {
                runPending()
                _ = wakeUp.wait(timeout: .now() + pollInterval)
            }
        }
    }

    /// Lets the thread end after the job it is running, if any.
    public func stop() {
        isRunning.store(false, ordering: .sequentiallyConsistent)
        wakeUp.signal()
    }

    /// Makes the thread look for jobs now instead of at its next poll.
    public func wake() {
        wakeUp.signal()
    }

    /// Runs every job that is pending now and returns how many it ran to the end.
    @discardableResult
    public func runPending() -> Int {
        let pending: [PendingImportJob]
        do {
            pending = try jobs.pending(limit: 20)
        } catch {
            logger.warning("import queue unavailable", ["error": String(describing: error)])
            return 0
        }
        return pending.filter(run).count
    }

    /// Claims and runs one job; returns whether it ran to the end, successfully or not.
    private func run(_ pending: PendingImportJob) -> Bool {
        let ids = ["tenant.id": pending.tenantID.lowercasedString, "import.id": pending.jobID.lowercasedString]
        do {
            // The tenant comes first, so an unreachable tenant service costs no attempt.
            let tenant = try tenants.tenant(id: pending.tenantID)
            guard try jobs.claim(pending, maximumAttempts: maximumAttempts) == .claimed else { return false }
            guard let tenant, tenant.status == .active else {
                try fail(pending, message: "The shop is suspended or no longer exists, so the import did not run.")
                return true
            }
            guard let file = try jobs.file(jobID: pending.jobID, tenantID: tenant.id) else {
                try fail(pending, message: "The uploaded file is no longer stored. Upload it again.")
                return true
            }
            let job = try importer.execute(csv: file, tenant: tenant, jobID: pending.jobID)
            logger.info("import finished", ids.merging(Self.counts(job)) { first, _ in first })
            if job.report.productsCreated >= Self.analyzeAfterCreatedProducts { analyzeProductTables(ids) }
            return true
        } catch let error as AppError where error.kind == .invalidInput || error.kind == .payloadTooLarge {
            logger.info("import rejected the file", ids.merging(["error": error.detail]) { first, _ in first })
            return true
        } catch {
            logger.error("import failed", ids.merging(["error": String(reflecting: error)]) { first, _ in first })
            return false
        }
    }

    /// The number of products an import must create before the worker refreshes the planner's
    /// statistics; smaller imports leave it to autovacuum.
    static let analyzeAfterCreatedProducts = 100

    private func analyzeProductTables(_ ids: [String: String]) {
        do {
            try jobs.analyzeProductTables()
        } catch {
            logger.warning(
                "refreshing statistics after an import failed", ids.merging(["error": String(reflecting: error)]) { first, _ in first })
        }
    }

    private func fail(_ pending: PendingImportJob, message: String) throws {
        guard var job = try jobs.find(id: pending.jobID, tenantID: pending.tenantID) else { return }
        let now = Date().truncatedToMilliseconds
        job.status = .failed
        job.failureMessage = message
        job.updatedAt = now
        job.finishedAt = now
        try jobs.update(job, tenantID: pending.tenantID)
    }

    private static func counts(_ job: ImportJob) -> [String: String] {
        [
            "status": job.status.rawValue, "rows": String(job.report.rowsTotal),
            "products_created": String(job.report.productsCreated),
            "products_updated": String(job.report.productsUpdated), "errors": String(job.report.errorCount),
        ]
    }
}
