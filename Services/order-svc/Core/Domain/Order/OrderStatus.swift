/// The stage of an order's life, and which stage may follow which.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    /// Placed, stock held, waiting for the payment until the hold expires.
    case pendingPayment = "pending_payment"
    case paid
    /// Handed to a carrier, with a tracking number.
    case fulfilled
    case cancelled
    /// Every paid amount went back to the customer.
    case refunded
    /// Part of the paid amount went back to the customer.
    case partiallyRefunded = "partially_refunded"

    /// The allowed transitions; any pair not listed is rejected.
    ///
    /// A paid order may be cancelled (its stock stays sold) and refunded afterwards; a second
    /// partial refund keeps `partially_refunded`; `refunded` is final.
    public static let allowedTransitions: [OrderStatus: Set<OrderStatus>] = [
        .pendingPayment: [.paid, .cancelled],
        .paid: [.fulfilled, .cancelled, .partiallyRefunded, .refunded],
        .fulfilled: [.partiallyRefunded, .refunded],
        .partiallyRefunded: [.fulfilled, .cancelled, .partiallyRefunded, .refunded],
        .cancelled: [.partiallyRefunded, .refunded],
        .refunded: [],
    ]

    /// Returns whether an order in this status may move to `next`.
    public func canTransition(to next: OrderStatus) -> Bool {
        Self.allowedTransitions[self]?.contains(next) ?? false
    }
}
