import FoundationEssentials

/// The order service's database: every read and write runs inside one tenant's transaction.
///
/// A PostgreSQL adapter opens a transaction, sets `app.tenant_id` for row-level security, runs
/// `work` with repositories bound to that transaction, and commits when `work` returns. When
/// `work` throws, every change it made is rolled back, including allocated order numbers and
/// appended events, and the error is rethrown. Transactions of the same tenant that touch the
/// same rows behave as if they ran one after another.
public protocol OrderStore: Sendable {
    /// Runs `work` in one transaction scoped to `tenantID` and returns its result.
    ///
    /// Throws what `work` throws, and `AppError(.unavailable)` when the database cannot be
    /// reached or the commit fails, in which case nothing was stored.
    func transaction<Value: Sendable>(tenantID: UUID, _ work: (OrderTransaction) throws -> Value) throws -> Value
}

/// The repositories of one open transaction; valid only inside the `work` closure it was given to.
public struct OrderTransaction {
    public let carts: any CartRepository
    public let orders: any OrderRepository
    public let discounts: any DiscountRepository
    public let checkoutAttempts: any IdempotencyStore
    public let settings: any OrderSettingsRepository
    public let events: any OrderEventSink

    public init(
        carts: any CartRepository, orders: any OrderRepository, discounts: any DiscountRepository,
        checkoutAttempts: any IdempotencyStore, settings: any OrderSettingsRepository, events: any OrderEventSink
    ) {
        self.carts = carts
        self.orders = orders
        self.discounts = discounts
        self.checkoutAttempts = checkoutAttempts
        self.settings = settings
        self.events = events
    }
}
