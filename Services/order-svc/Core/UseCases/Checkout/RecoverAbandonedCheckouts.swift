import CommonKernel
import FoundationEssentials

/// Finishes checkout attempts that stopped half way, such as after a crash between reserving
/// stock and storing the order, by releasing their stock and freeing their keys.
public struct RecoverAbandonedCheckouts: Sendable {
    let abandonment: CheckoutAbandonment
    let store: any OrderStore

    /// How long an attempt may stay unfinished before it counts as stopped: 5 minutes, well
    /// above the time a checkout takes including the catalog's timeouts.
    public static let defaultStaleAfter: TimeInterval = 300

    public init(
        store: any OrderStore, stock: any StockGateway, clock: @escaping @Sendable () -> Date = orderClock,
        logger: Logger = Logger(label: "order-svc")
    ) {
        self.store = store
        self.abandonment = CheckoutAbandonment(store: store, stock: stock, clock: clock, logger: logger)
    }

    /// Abandons up to `limit` of the tenant's attempts that have not changed for `staleAfter`
    /// seconds before `now`, and returns how many finished. The next run retries the rest.
    ///
    /// Throws `AppError(.unavailable)` when the attempts cannot be listed.
    public func execute(
        tenant: TenantRecord, now: Date, staleAfter: TimeInterval = defaultStaleAfter, limit: Int = 100
    ) throws -> Int {
        let stale = try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.checkoutAttempts.unfinished(
                updatedBefore: now.addingTimeInterval(-staleAfter), limit: limit, tenantID: tenant.id)
        }
        return stale.filter { abandonment.abandon(key: $0.key, orderID: $0.orderID, tenant: tenant) }.count
    }
}
