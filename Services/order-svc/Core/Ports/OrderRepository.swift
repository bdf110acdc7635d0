import FoundationEssentials

/// Stores orders and numbers them, scoped to one tenant per call.
public protocol OrderRepository: Sendable {
    /// Takes the tenant's next order number: 1001 for the first order, then one more each time.
    ///
    /// Call it in the transaction that inserts the order. The PostgreSQL adapter updates a
    /// per-tenant counter row, which locks it until commit, so a rollback returns the number
    /// and concurrent checkouts get consecutive numbers without gaps.
    func allocateNumber(tenantID: UUID) throws -> Int

    /// Stores a new order. Throws `AppError(.conflict, code: "order.number_taken")` when the
    /// tenant already has an order with its number or id.
    func insert(_ order: Order, tenantID: UUID) throws

    /// Replaces the stored order when its version still equals `order.version`, storing it with
    /// the version one higher, and returns what was stored.
    ///
    /// Throws `OrderError.versionConflict` when the stored version differs and
    /// `OrderError.orderNotFound` when there is no such order.
    func update(_ order: Order, tenantID: UUID) throws -> Order

    /// Returns the order with `id`, or nil.
    func find(id: UUID, tenantID: UUID) throws -> Order?

    /// Returns the order with the customer-facing `number`, or nil.
    func find(number: Int, tenantID: UUID) throws -> Order?

    /// Returns one page of orders matching `query`, newest (highest number) first.
    func list(_ query: OrderQuery, tenantID: UUID) throws -> OrderPage

    /// Returns up to `limit` unpaid orders whose hold expired at or before `time`, earliest first.
    func expiredHolds(at time: Date, limit: Int, tenantID: UUID) throws -> [Order]

    /// Returns up to `limit` orders whose stock is still reserved although their status
    /// requires a commit or a release (see `Order.pendingStockChange`), oldest first.
    func pendingStockChanges(limit: Int, tenantID: UUID) throws -> [Order]
}
