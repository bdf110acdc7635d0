import CommonKernel
import FoundationEssentials

/// Records a successful payment: the order becomes `paid` and its stock is committed.
public struct MarkOrderPaid: Sendable {
    let changer: OrderChanger
    let clock: @Sendable () -> Date

    public init(
        store: any OrderStore, stock: any StockGateway, clock: @escaping @Sendable () -> Date = orderClock,
        logger: Logger = Logger(label: "order-svc")
    ) {
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
        self.clock = clock
    }

    /// Marks the order paid by `paymentID` and appends `order.paid`.
    ///
    /// Idempotent per payment id: a redelivered event returns the order unchanged and retries
    /// a stock commit that failed before. Throws `payment.amount_mismatch` (conflict, with
    /// `expected` and `received`) unless `amount` equals the order total,
    /// `order.invalid_transition` when the order is not `pending_payment` (for example cancelled
    /// after its hold expired, which payment-svc answers with a refund), and `order.not_found`.
    public func execute(orderID: UUID, paymentID: String, amount: Money, tenant: TenantRecord) throws -> Order {
        let now = clock()
        return try changer.change(orderID: orderID, tenant: tenant, at: now) { order, _ in
            if order.paymentRecord(.payment, reference: paymentID) != nil { return [] }
            guard amount == order.totals.total else {
                throw AppError(
                    .conflict, code: "payment.amount_mismatch",
                    detail: "Payment \(paymentID) of \(amount) does not match order \(order.displayNumber) "
                        + "total \(order.totals.total).",
                    extensions: ["expected": order.totals.total.jsonValue, "received": amount.jsonValue])
            }
            try order.transition(to: .paid, by: .system, at: now, message: "payment \(paymentID)")
            order.payments.append(PaymentRecord(kind: .payment, reference: paymentID, amount: amount, occurredAt: now))
            return ["paid"]
        }
    }
}
