import CommonKernel
import FoundationEssentials

/// Cancels an order on a staff member's request, returning its reserved stock.
public struct CancelOrder: Sendable {
    let changer: OrderChanger
    let clock: @Sendable () -> Date

    /// The maximum length of a cancellation reason, in characters.
    public static let maximumReasonLength = 500

    public init(
        store: any OrderStore, stock: any StockGateway, clock: @escaping @Sendable () -> Date = orderClock,
        logger: Logger = Logger(label: "order-svc")
    ) {
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
        self.clock = clock
    }

    /// Cancels the order, appends `order.cancelled`, gives back its discount use when nothing
    /// was paid, and releases its stock when still reserved. Stock of a paid order stays sold.
    ///
    /// Throws `invalidInput` naming `reason` past 500 characters, `order.invalid_transition`
    /// from `fulfilled`, `cancelled` or `refunded`, and `order.not_found`.
    public func execute(orderID: UUID, reason: String?, actor: OrderActor, tenant: TenantRecord) throws -> Order {
        var checker = FieldChecker(prefix: "")
        let reasonText = checker.optional("reason", reason, maximum: Self.maximumReasonLength)
        if !checker.errors.isEmpty { throw AppError.invalid(checker.errors) }

        let now = clock()
        return try changer.change(orderID: orderID, tenant: tenant, at: now) { order, transaction in
            try order.transition(to: .cancelled, by: actor, at: now, message: reasonText)
            try OrderChanger.returnDiscountIfUnpaid(order, in: transaction)
            return ["cancelled"]
        }
    }
}
