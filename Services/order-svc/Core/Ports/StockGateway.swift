import CommonKernel
import FoundationEssentials

/// Holds, gives back and finalises catalog stock for an order, identified by its order id.
///
/// Every call is idempotent per order id, so a retry after a timeout does no harm.
public protocol StockGateway: Sendable {
    /// Reserves every line for `orderID`, or none of them.
    ///
    /// Repeating it for an order that already reserved the same lines changes nothing. Throws
    /// `OrderError.outOfStock` (conflict, code `out_of_stock`) listing every line whose variant
    /// has too few units, and `AppError(.conflict)` when the order's reservation was released.
    /// Throws `AppError(.unavailable)` when the catalog cannot be reached. The reservation may
    /// then exist or not, so the caller must release it.
    func reserve(orderID: UUID, lines: [StockLine], tenant: TenantRecord) throws

    /// Returns the order's reserved stock. Releasing twice, or releasing an order that reserved
    /// nothing, changes no stock. Throws `AppError(.conflict)` for a committed reservation.
    ///
    /// After a release, `reserve` for the same order id must fail, so that a reservation
    /// request that arrives late cannot hold stock without an order.
    /// NOTE: catalog-svc's `InventoryRepository` rejects a reserve after a release only when a
    /// reservation existed; an adapter over it must record releases of unknown orders itself.
    func release(orderID: UUID, tenant: TenantRecord) throws

    /// Makes the order's reservation final. Committing twice changes nothing. Throws
    /// `AppError(.conflict)` for a released reservation and `AppError(.notFound)` for none.
    func commit(orderID: UUID, tenant: TenantRecord) throws
}

/// One line of a stock reservation.
public struct StockLine: Sendable, Equatable, Hashable, Codable {
    public var variantID: UUID
    public var quantity: Int

    public init(variantID: UUID, quantity: Int) {
        self.variantID = variantID
        self.quantity = quantity
    }
}
