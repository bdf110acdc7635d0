import CommonKernel
import FoundationEssentials

/// Records money returned to the customer: `refunded` when all of it, `partially_refunded` otherwise.
public struct RecordRefund: Sendable {
    let changer: OrderChanger
    let clock: @Sendable () -> Date

    public init(
        store: any OrderStore, stock: any StockGateway, clock: @escaping @Sendable () -> Date = orderClock,
        logger: Logger = Logger(label: "order-svc")
    ) {
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
        self.clock = clock
    }

    /// Records refund `refundID` of `amount`; a repeated refund id returns the order unchanged.
    ///
    /// Throws `invalidInput` naming `amount` when it is not positive or is in another currency.
    /// Throws `refund.exceeds_refundable` (extension `refundable`) when it exceeds what is left
    /// to refund, which includes every refund of a fully refunded order. Throws
    /// `refund.not_paid` (conflict) when nothing was paid, and `order.not_found`.
    public func execute(
        orderID: UUID, refundID: String, amount: Money, actor: OrderActor, tenant: TenantRecord
    ) throws -> Order {
        let now = clock()
        return try changer.change(orderID: orderID, tenant: tenant, at: now) { order, _ in
            if order.paymentRecord(.refund, reference: refundID) != nil { return [] }
            guard amount.currency == order.currency, amount.minorUnits > 0 else {
                throw AppError.invalidField(
                    "amount", "must be a positive amount in \(order.currency.code)", code: "invalid_amount")
            }
            guard order.paidAmount.minorUnits > 0 else {
                throw AppError(
                    .conflict, code: "refund.not_paid", detail: "Order \(order.displayNumber) has no payment to refund."
                )
            }
            let refundable = try order.paidAmount.subtracting(order.refundedAmount)
            guard try !refundable.isLess(than: amount) else {
                throw AppError(
                    .invalidInput, code: "refund.exceeds_refundable",
                    detail: "A refund of \(amount) exceeds the \(refundable) left to refund on \(order.displayNumber).",
                    fieldErrors: [
                        FieldError(
                            field: "amount", message: "exceeds the \(refundable) left to refund",
                            code: "refund.exceeds_refundable")
                    ],
                    extensions: ["refundable": refundable.jsonValue])
            }

            let next: OrderStatus = amount == refundable ? .refunded : .partiallyRefunded
            try order.transition(to: next, by: actor, at: now, message: "refund \(refundID) of \(amount)")
            order.payments.append(PaymentRecord(kind: .refund, reference: refundID, amount: amount, occurredAt: now))
            return []
        }
    }
}
