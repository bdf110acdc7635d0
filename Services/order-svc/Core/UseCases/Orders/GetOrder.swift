import CommonKernel
import FoundationEssentials

/// Reads one order for the tenant's staff.
public struct GetOrder: Sendable {
    let store: any OrderStore

    public init(store: any OrderStore) {
        self.store = store
    }

    /// Returns the order; throws `order.not_found`.
    public func execute(orderID: UUID, tenant: TenantRecord) throws -> Order {
        let order = try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.orders.find(id: orderID, tenantID: tenant.id)
        }
        guard let order else { throw OrderError.orderNotFound() }
        return order
    }
}
