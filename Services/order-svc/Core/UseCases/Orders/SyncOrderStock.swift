import CommonKernel
import FoundationEssentials

/// Retries the stock commits and releases that failed when an order was paid or cancelled.
public struct SyncOrderStock: Sendable {
    let changer: OrderChanger
    let store: any OrderStore

    public init(store: any OrderStore, stock: any StockGateway, logger: Logger = Logger(label: "order-svc")) {
        self.store = store
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
    }

    /// Brings up to `limit` of the tenant's orders in line and returns how many now match the
    /// catalog. The others stay listed for the next run. Throws `AppError(.unavailable)` when
    /// the orders cannot be listed.
    public func execute(tenant: TenantRecord, now: Date, limit: Int = 100) throws -> Int {
        let pending = try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.orders.pendingStockChanges(limit: limit, tenantID: tenant.id)
        }
        return pending.filter { changer.syncStock($0, tenant: tenant, at: now).pendingStockChange == nil }.count
    }
}
