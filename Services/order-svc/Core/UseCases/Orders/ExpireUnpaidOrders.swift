import CommonKernel
import FoundationEssentials

/// Cancels orders whose payment hold ran out and gives their stock and discount uses back.
public struct ExpireUnpaidOrders: Sendable {
    let changer: OrderChanger
    let store: any OrderStore

    public init(store: any OrderStore, stock: any StockGateway, logger: Logger = Logger(label: "order-svc")) {
        self.store = store
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
    }

    /// Cancels up to `limit` of the tenant's `pending_payment` orders whose hold expired at or
    /// before `now`, by `system`, and returns them as stored.
    ///
    /// An order paid between the listing and its cancellation is skipped. An order that fails
    /// to cancel is logged and left for the next run. A failed stock release leaves the order
    /// cancelled with its stock `reserved` for `SyncOrderStock`. Throws `AppError(.unavailable)`
    /// when the expired orders cannot be listed.
    public func execute(tenant: TenantRecord, now: Date, limit: Int = 100) throws -> [Order] {
        let expired = try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.orders.expiredHolds(at: now, limit: limit, tenantID: tenant.id)
        }
        var cancelled: [Order] = []
        for candidate in expired {
            do {
                let order = try cancel(candidate.id, tenant: tenant, now: now)
                if order.status == .cancelled { cancelled.append(order) }
            } catch {
                changer.logger.error(
                    "expiring an unpaid order failed; the next run retries it",
                    [
                        "tenant.id": tenant.id.lowercasedString, "order.id": candidate.id.lowercasedString,
                        "error": "\(error)",
                    ])
            }
        }
        return cancelled
    }

    private func cancel(_ orderID: UUID, tenant: TenantRecord, now: Date) throws -> Order {
        try changer.change(orderID: orderID, tenant: tenant, at: now) { order, transaction in
            guard order.status == .pendingPayment, order.holdExpiresAt <= now else { return [] }
            try order.transition(
                to: .cancelled, by: .system, at: now, message: "payment not received before the hold expired")
            try OrderChanger.returnDiscountIfUnpaid(order, in: transaction)
            return ["cancelled"]
        }
    }
}
