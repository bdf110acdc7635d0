import CommonAdapters
import CommonKernel
import FoundationEssentials
import Glibc
import OrderCore
import Synchronization

/// The background loop of order-svc: expires unpaid orders whose hold ran out, retries stock
/// commits and releases that failed, finishes checkouts that stopped half way, and releases
/// once more the orders whose release found no reservation.
///
/// Each pass first takes or renews the lease in `ordering.maintenance_lease`, so that of several
/// instances one runs the passes while its lease lasts, and another takes over within
/// `leaseDuration` when it stops. Then the pass finds the tenants with due work through
/// `ordering.tenants_with_due_work`. A failure is logged and the next pass retries.
///
/// NOTE: a pass that outlasts the lease may overlap with another instance's pass. That repeats
/// work, which the use cases tolerate, because each order change checks the order's version.
final class OrderMaintenance: Sendable {
    /// How long a release without reservation waits before it is repeated.
    static let recheckDelay: TimeInterval = 60

    let components: OrderComponents
    let database: PostgresPool
    let interval: TimeInterval
    /// How long a lease lasts without renewal: ten passes, and at least 10 seconds.
    let leaseDuration: TimeInterval
    /// This process's name in the lease, unique among running processes.
    let holder = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UUID().uuidString.prefix(8))"
    private let failures = Mutex(0)

    init(components: OrderComponents, database: PostgresPool) {
        self.components = components
        self.database = database
        self.interval = Double(components.settings.maintenanceIntervalMilliseconds) / 1000
        self.leaseDuration = max(10, interval * 10)
    }

    /// Starts the loop on a thread of its own, because its database and catalog calls block.
    ///
    /// NOTE: `ServiceDefinition` has no hook for stopping a service's own threads, so the loop
    /// runs until the process exits. A pass that meets the closed pool during shutdown logs one
    /// warning.
    func start() {
        WorkerThread.start(name: "order-maintenance") { [self] in
            while true {
                runPassLogging()
                WorkerThread.sleep(seconds: interval)
            }
        }
        components.logger.info("order maintenance started", ["interval_ms": String(Int(interval * 1000))])
    }

    /// Runs one pass as of `now` and returns the tenants it visited, or nil when another
    /// instance has the lease. Throws when the database cannot be reached.
    @discardableResult
    func runPass(now: Date = orderClock()) throws -> [UUID]? {
        guard try takeLease() else { return nil }
        let staleBefore = now.addingTimeInterval(-RecoverAbandonedCheckouts.defaultStaleAfter)
        let tenantIDs = try database.withConnection { connection in
            try connection.query(
                "SELECT tenant_id FROM ordering.tenants_with_due_work($1, $2) AS tenant_id", [now, staleBefore]
            ).map { try $0.uuid("tenant_id") }
        }
        for tenantID in tenantIDs { runTenant(tenantID, now: now) }
        return tenantIDs
    }

    /// Takes the lease when it is free or expired, or renews it when this process has it, and
    /// returns whether this process has it now. No connection stays checked out meanwhile.
    private func takeLease() throws -> Bool {
        try database.withConnection { connection in
            let rows = try connection.query(
                """
                UPDATE ordering.maintenance_lease
                SET holder = $1, expires_at = now() + $2::float8 * interval '1 second'
                WHERE name = 'maintenance' AND (holder = $1 OR expires_at < now())
                RETURNING holder
                """, [holder, leaseDuration])
            return !rows.isEmpty
        }
    }

    private func runPassLogging() {
        do {
            try runPass()
            failures.withLock { $0 = 0 }
        } catch {
            // One warning at the start of an outage and one a minute after, not one per pass.
            let count = failures.withLock { count in
                count += 1
                return count
            }
            if count == 1 || count % 60 == 0 {
                components.logger.warning(
                    "order maintenance pass failed", ["error": String(reflecting: error), "failures": String(count)])
            }
        }
    }

    private func runTenant(_ tenantID: UUID, now: Date) {
        let fields = ["tenant.id": tenantID.lowercasedString]
        do {
            guard let tenant = try components.tenants.tenant(id: tenantID) else {
                components.logger.debug("order maintenance skipped an unknown tenant", fields)
                return
            }
            let expired = try ExpireUnpaidOrders(store: components.store, stock: components.stock, logger: components.logger)
                .execute(tenant: tenant, now: now)
            if !expired.isEmpty {
                components.logger.info("unpaid orders expired", fields.merging(["count": String(expired.count)]) { $1 })
            }
            _ = try SyncOrderStock(store: components.store, stock: components.stock, logger: components.logger)
                .execute(tenant: tenant, now: now)
            _ = try RecoverAbandonedCheckouts(store: components.store, stock: components.stock, logger: components.logger)
                .execute(tenant: tenant, now: now)
            try recheckReleases(tenant, now: now)
        } catch {
            components.logger.warning(
                "order maintenance failed for a tenant", fields.merging(["error": String(reflecting: error)]) { $1 })
        }
    }

    private func recheckReleases(_ tenant: TenantRecord, now: Date) throws {
        let due = try components.releaseChecks.due(before: now.addingTimeInterval(-Self.recheckDelay), tenantID: tenant.id)
        for orderID in due {
            try components.stock.release(orderID: orderID, tenant: tenant)
            try components.releaseChecks.remove(orderID: orderID, tenantID: tenant.id)
        }
    }
}
