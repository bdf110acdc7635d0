import CommonKernel
import FoundationEssentials
import Synchronization

/// An `OrderStore` kept in memory with the full transaction semantics, for tests and local runs.
///
/// A transaction takes one lock for its whole duration and works on a copy of its tenant's data,
/// which replaces the original only when `work` returns and no commit failure is armed. That
/// gives all-or-nothing transactions that behave as if run one after another. Opening a
/// transaction inside `work` deadlocks, as nesting a PostgreSQL transaction would be a bug.
public final class InMemoryOrderStore: OrderStore {
    let tenants = Mutex<[UUID: InMemoryTenantData]>([:])
    public let faults: FaultPlan

    public init(faults: FaultPlan = FaultPlan()) {
        self.faults = faults
    }

    public func transaction<Value: Sendable>(
        tenantID: UUID, _ work: (OrderTransaction) throws -> Value
    ) throws -> Value {
        let result = try tenants.withLock { tenants in
            let scratch = InMemoryTransaction(
                data: tenants[tenantID] ?? InMemoryTenantData(), tenantID: tenantID, faults: faults)
            let result = try work(scratch.repositories)
            try faults.check(.commit)
            tenants[tenantID] = scratch.data
            return result
        }
        try faults.check(.commitResponseLost)
        return result
    }

    /// Returns the committed events of a tenant, oldest first, as an outbox relay would find them.
    public func events(tenantID: UUID) -> [OrderEvent] {
        tenants.withLock { $0[tenantID]?.events ?? [] }
    }
}

/// The rows of one tenant.
struct InMemoryTenantData: Sendable {
    var carts: [UUID: Cart] = [:]
    var orders: [UUID: Order] = [:]
    var orderIDsByNumber: [Int: UUID] = [:]
    /// The last order number handed out; the first order gets 1001.
    var lastOrderNumber = 1000
    var discounts: [String: Discount] = [:]
    var redemptions: [String: Set<UUID>] = [:]
    var attempts: [String: CheckoutAttempt] = [:]
    var settings: OrderSettings?
    var events: [OrderEvent] = []
}

/// The working copy of one transaction and the repositories bound to it.
///
/// `@unchecked Sendable` is safe because the store's lock is held for the object's whole life
/// and only the thread running the transaction touches it.
final class InMemoryTransaction: @unchecked Sendable {
    var data: InMemoryTenantData
    let tenantID: UUID
    let faults: FaultPlan

    init(data: InMemoryTenantData, tenantID: UUID, faults: FaultPlan) {
        self.data = data
        self.tenantID = tenantID
        self.faults = faults
    }

    var repositories: OrderTransaction {
        OrderTransaction(
            carts: InMemoryCartRepository(transaction: self), orders: InMemoryOrderRepository(transaction: self),
            discounts: InMemoryDiscountRepository(transaction: self),
            checkoutAttempts: InMemoryIdempotencyStore(transaction: self),
            settings: InMemoryOrderSettingsRepository(transaction: self),
            events: InMemoryOrderEventSink(transaction: self))
    }

    /// Throws like row-level security would for a call under another tenant's id, then any
    /// failure armed at `point`.
    func enter(_ tenantID: UUID, _ point: FaultPlan.Point? = nil) throws {
        guard tenantID == self.tenantID else { throw OrderError.tenantMismatch() }
        if let point { try faults.check(point) }
    }
}
