import CommonKernel
import FoundationEssentials

/// Records a failed payment attempt in the order's history; the order keeps waiting for payment.
public struct RecordPaymentFailure: Sendable {
    let changer: OrderChanger
    let clock: @Sendable () -> Date

    /// The maximum length of a stored failure reason; longer reasons are cut to it.
    public static let maximumReasonLength = 500

    public init(
        store: any OrderStore, stock: any StockGateway, clock: @escaping @Sendable () -> Date = orderClock,
        logger: Logger = Logger(label: "order-svc")
    ) {
        self.changer = OrderChanger(store: store, stock: stock, logger: logger)
        self.clock = clock
    }

    /// Records the failure of `paymentID` once; a repeated id returns the order unchanged.
    /// Throws `order.not_found`.
    public func execute(orderID: UUID, paymentID: String, reason: String, tenant: TenantRecord) throws -> Order {
        let now = clock()
        return try changer.change(orderID: orderID, tenant: tenant, at: now) { order, _ in
            if order.paymentRecord(.failure, reference: paymentID) != nil { return [] }
            let message = "payment \(paymentID) failed: \(reason.prefix(Self.maximumReasonLength))"
            order.payments.append(PaymentRecord(kind: .failure, reference: paymentID, amount: nil, occurredAt: now))
            order.record(.paymentFailed, by: .system, at: now, message: message)
            return []
        }
    }
}
