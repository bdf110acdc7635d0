import CommonKernel
import FoundationEssentials

/// Undoes a failed checkout attempt: marks it abandoning, releases its stock, deletes it.
struct CheckoutAbandonment: Sendable {
    let store: any OrderStore
    let stock: any StockGateway
    let clock: @Sendable () -> Date
    let logger: Logger

    /// Runs the three steps and returns whether all of them finished.
    ///
    /// Returns true without releasing anything when the attempt was completed, because its
    /// order exists and owns the stock. A failing step is logged and leaves the attempt for
    /// `RecoverAbandonedCheckouts`, so this never throws.
    @discardableResult
    func abandon(key: String, orderID: UUID, tenant: TenantRecord) -> Bool {
        let now = clock()
        do {
            let abandoning = try store.transaction(tenantID: tenant.id) { transaction in
                try transaction.checkoutAttempts.markAbandoning(
                    key: key, orderID: orderID, tenantID: tenant.id, at: now)
            }
            guard abandoning else { return true }
            try stock.release(orderID: orderID, tenant: tenant)
            try store.transaction(tenantID: tenant.id) { transaction in
                try transaction.checkoutAttempts.delete(key: key, orderID: orderID, tenantID: tenant.id)
            }
            return true
        } catch {
            logger.error(
                "checkout compensation failed; recovery will retry",
                ["tenant.id": tenant.id.lowercasedString, "order.id": orderID.lowercasedString, "error": "\(error)"])
            return false
        }
    }
}
