import CommonKernel
import FoundationEssentials

/// Turns a cart into an order exactly once per `Idempotency-Key`, holding its stock.
///
/// The steps, and what undoes each when a later one fails:
/// 1. Look up the key, in the same read-only transaction that reads the cart, discount and
///    settings when the key is new. A completed attempt with the same fingerprint returns its
///    order (`replayed`) to a caller with access to the cart. Another fingerprint throws
///    `idempotency.key_reused`, and an unfinished attempt throws `idempotency.in_progress`.
/// 2. Validate and price the request (`CheckoutPlanner`). Nothing is written yet.
/// 3. Record the attempt as `pending` under a new order id. Of two racing requests with one
///    key only the first records; the second is treated as in step 1.
/// 4. Reserve the stock under the order id. On failure the attempt is abandoned (below).
/// 5. In one transaction: complete the attempt, mark the cart checked out (only if its
///    revision is unchanged), redeem the discount under its usage limit, take the next order
///    number, insert the order in `pending_payment` and append `order.placed`. Any failure
///    rolls all of it back, the number included, and the attempt is abandoned.
///
/// Abandoning an attempt marks it `abandoning`, releases the order id's stock, then deletes
/// it, which frees the key for a retry. The release comes after the mark, so an attempt that
/// was completed meanwhile (a commit whose outcome was lost) is never released. When a step
/// of abandoning fails, the attempt stays unfinished and `RecoverAbandonedCheckouts` repeats
/// the release later; every step is idempotent. Numbers are taken only in the transaction that
/// stores the order, so failed checkouts leave no gaps.
public struct PlaceOrder: Sendable {
    let store: any OrderStore
    let catalog: any CatalogGateway
    let stock: any StockGateway
    let clock: @Sendable () -> Date
    let logger: Logger

    public init(
        store: any OrderStore, catalog: any CatalogGateway, stock: any StockGateway,
        clock: @escaping @Sendable () -> Date = orderClock, logger: Logger = Logger(label: "order-svc")
    ) {
        self.store = store
        self.catalog = catalog
        self.stock = stock
        self.clock = clock
        self.logger = logger
    }

    /// The order and whether it was placed by an earlier request with the same key.
    public struct Result: Sendable, Equatable {
        public var order: Order
        public var replayed: Bool
    }

    /// Places the order, or returns the one placed earlier under `idempotencyKey`.
    ///
    /// Throws what `CheckoutPlanner` and the steps above name, and the key errors of
    /// `IdempotencyKey.validate`. It also throws `out_of_stock` listing every variant short,
    /// `discount.exhausted` when the last use went to a concurrent checkout, `cart.changed` or
    /// `cart.checked_out` when the cart moved on meanwhile, and `AppError(.unavailable)` from
    /// the database or the catalog.
    public func execute(
        _ request: CheckoutRequest, idempotencyKey: String?, access: CartAccess, tenant: TenantRecord
    ) throws -> Result {
        let key = try IdempotencyKey.validate(idempotencyKey)
        let fingerprint = request.fingerprint
        let planner = CheckoutPlanner(store: store, catalog: catalog, logger: logger)
        let inputs: CheckoutPlanner.Inputs
        switch try planner.start(request, key: key, access: access, tenant: tenant) {
        case .earlier(let earlier):
            return try replay(earlier, request: request, access: access, tenant: tenant)
        case .fresh(let fresh):
            inputs = fresh
        }
        let plan = try planner.plan(request, inputs: inputs, access: access, tenant: tenant, at: clock())
        let orderID = UUID()
        let now = clock()
        let attempt = CheckoutAttempt(
            key: key, fingerprint: fingerprint, orderID: orderID, state: .pending, startedAt: now, updatedAt: now)
        let recorded = try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.checkoutAttempts.begin(attempt, tenantID: tenant.id)
        }
        guard recorded.orderID == orderID else {
            return try replay(recorded, request: request, access: access, tenant: tenant)
        }

        do {
            try stock.reserve(orderID: orderID, lines: plan.stockLines, tenant: tenant)
            let order = try storeOrder(plan, orderID: orderID, key: key, tenant: tenant)
            logger.info(
                "order placed", ["tenant.id": tenant.id.lowercasedString, "order.id": order.id.lowercasedString])
            return Result(order: order, replayed: false)
        } catch {
            CheckoutAbandonment(store: store, stock: stock, clock: clock, logger: logger)
                .abandon(key: key, orderID: orderID, tenant: tenant)
            throw error
        }
    }

    /// Step 5: stores the order and everything that must change with it, in one transaction.
    private func storeOrder(_ plan: CheckoutPlan, orderID: UUID, key: String, tenant: TenantRecord) throws -> Order {
        let now = clock()
        return try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.checkoutAttempts.complete(key: key, orderID: orderID, tenantID: tenant.id, at: now)

            _ = try transaction.carts.markCheckedOut(plan.cart, orderID: orderID, at: now, tenantID: tenant.id)
            if let code = plan.discountCode {
                _ = try transaction.discounts.redeem(code: code, orderID: orderID, tenantID: tenant.id, at: now)
            }

            let number = try transaction.orders.allocateNumber(tenantID: tenant.id)
            let order = plan.makeOrder(
                id: orderID, number: number, tenantID: tenant.id, accessToken: SecretToken.make(), at: now)
            try transaction.orders.insert(order, tenantID: tenant.id)
            try transaction.events.append(.order("placed", order, at: now), tenantID: tenant.id)
            return order
        }
    }

    /// Step 1: returns the order of a key seen before, or throws why it cannot.
    ///
    /// The caller must still prove access to the cart, so that a key and body seen elsewhere
    /// reveal no order to someone without the cart's token.
    private func replay(
        _ attempt: CheckoutAttempt, request: CheckoutRequest, access: CartAccess, tenant: TenantRecord
    ) throws -> Result {
        guard attempt.fingerprint == request.fingerprint else { throw IdempotencyKey.reused() }
        guard attempt.state == .completed else { throw IdempotencyKey.inProgress() }
        let order = try store.transaction(tenantID: tenant.id) { transaction in
            _ = try CartEditor.load(request.cartID, access: access, tenantID: tenant.id, in: transaction)
            return try transaction.orders.find(id: attempt.orderID, tenantID: tenant.id)
        }
        guard let order else { throw OrderError.orderNotFound() }
        return Result(order: order, replayed: true)
    }
}
