import CommonKernel
import FoundationEssentials

/// Records the hand-over of a paid order to a carrier.
public struct FulfilOrder: Sendable {
    let changer: OrderChanger
    let clock: @Sendable () -> Date

    /// The maximum length of a tracking number or carrier name, in characters.
    public static let maximumFieldLength = 100

    public init(
        store: any OrderStore, stock: any StockGateway, clock: @escaping @Sendable () -> Date = orderClock,
        logger: Logger = Logger(label: "order-svc")
    ) {
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
        self.clock = clock
    }

    /// Marks the order fulfilled with its tracking number and carrier and appends `order.fulfilled`.
    ///
    /// Throws `invalidInput` naming `tracking_number` or `carrier` when empty or longer than
    /// 100 characters, `order.invalid_transition` unless the order is `paid` or
    /// `partially_refunded`, and `order.not_found`.
    public func execute(
        orderID: UUID, trackingNumber: String, carrier: String, actor: OrderActor, tenant: TenantRecord
    ) throws -> Order {
        var checker = FieldChecker(prefix: "")
        let tracking = checker.required("tracking_number", trackingNumber, maximum: Self.maximumFieldLength)
        let carrierName = checker.required("carrier", carrier, maximum: Self.maximumFieldLength)
        if !checker.errors.isEmpty { throw AppError.invalid(checker.errors) }

        let now = clock()
        return try changer.change(orderID: orderID, tenant: tenant, at: now) { order, _ in
            try order.transition(to: .fulfilled, by: actor, at: now, message: "\(carrierName) \(tracking)")
            order.fulfillment = Fulfillment(trackingNumber: tracking, carrier: carrierName, fulfilledAt: now)
            return ["fulfilled"]
        }
    }
}
