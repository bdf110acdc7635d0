import CommonKernel
import FoundationEssentials

/// Adds a staff note to an order's history.
public struct AddOrderNote: Sendable {
    let changer: OrderChanger
    let clock: @Sendable () -> Date

    /// The maximum length of a note, in characters.
    public static let maximumLength = 2000

    public init(
        store: any OrderStore, stock: any StockGateway, clock: @escaping @Sendable () -> Date = orderClock,
        logger: Logger = Logger(label: "order-svc")
    ) {
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
        self.clock = clock
    }

    /// Appends the note in any status. Throws `invalidInput` naming `note` when it is empty or
    /// longer than 2,000 characters, and `order.not_found`.
    public func execute(orderID: UUID, note: String, actor: OrderActor, tenant: TenantRecord) throws -> Order {
        var checker = FieldChecker(prefix: "")
        let text = checker.required("note", note, maximum: Self.maximumLength)
        if !checker.errors.isEmpty { throw AppError.invalid(checker.errors) }

        let now = clock()
        return try changer.change(orderID: orderID, tenant: tenant, at: now) { order, _ in
            order.record(.note, by: actor, at: now, message: text)
            return []
        }
    }
}
