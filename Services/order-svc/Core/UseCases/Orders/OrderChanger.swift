import CommonKernel
import FoundationEssentials

/// The steps every change of a placed order shares: load it in a transaction, apply the
/// change, store it with its events, then bring the catalog's stock in line with the new status.
struct OrderChanger: Sendable {
    let store: any OrderStore
    let stock: any StockGateway
    let logger: Logger

    /// Applies `change` and returns the stored order.
    ///
    /// `change` mutates the order and returns the kinds of events to append (such as `paid`
    /// for `order.paid`). An order it leaves unchanged is not stored again, which makes
    /// repeated payment events no-ops, but its pending stock change is still retried.
    /// Throws `order.not_found`, `order.version_conflict` and what `change` throws.
    func change(
        orderID: UUID, tenant: TenantRecord, at time: Date,
        _ change: (inout Order, OrderTransaction) throws -> [String]
    ) throws -> Order {
        let stored = try store.transaction(tenantID: tenant.id) { transaction in
            guard var order = try transaction.orders.find(id: orderID, tenantID: tenant.id) else {
                throw OrderError.orderNotFound()
            }
            let before = order
            let eventKinds = try change(&order, transaction)
            guard order != before else { return order }

            let stored = try transaction.orders.update(order, tenantID: tenant.id)
            for kind in eventKinds {
                try transaction.events.append(.order(kind, stored, at: time), tenantID: tenant.id)
            }
            return stored
        }
        return syncStock(stored, tenant: tenant, at: time)
    }

    /// Commits or releases the order's reservation when its status requires it, records the
    /// result, and returns the order as stored afterwards.
    ///
    /// A failure is logged and leaves the stock `reserved`, so `SyncOrderStock` retries it.
    func syncStock(_ order: Order, tenant: TenantRecord, at time: Date) -> Order {
        guard let target = order.pendingStockChange else { return order }
        do {
            switch target {
            case .committed: try stock.commit(orderID: order.id, tenant: tenant)
            case .released: try stock.release(orderID: order.id, tenant: tenant)
            case .reserved: return order
            }
            return try store.transaction(tenantID: tenant.id) { transaction in
                guard var fresh = try transaction.orders.find(id: order.id, tenantID: tenant.id),
                    fresh.pendingStockChange == target
                else {
                    return order
                }
                fresh.setStock(target, at: time)
                return try transaction.orders.update(fresh, tenantID: tenant.id)
            }
        } catch {
            logger.warning(
                "order stock change failed; it will be retried",
                [
                    "tenant.id": tenant.id.lowercasedString, "order.id": order.id.lowercasedString,
                    "stock.target": target.rawValue, "error": "\(error)",
                ])
            return order
        }
    }

    /// Gives back the discount use of an order that is cancelled before any payment.
    static func returnDiscountIfUnpaid(_ order: Order, in transaction: OrderTransaction) throws {
        guard let code = order.discountCode, order.paidAmount.minorUnits == 0 else { return }
        _ = try transaction.discounts.returnRedemption(code: code, orderID: order.id, tenantID: order.tenantID)
    }
}
