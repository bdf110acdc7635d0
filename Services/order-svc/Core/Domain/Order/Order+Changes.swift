import CommonKernel
import FoundationEssentials

extension Order {
    /// Moves the order to `next` and records who did it and why.
    ///
    /// Throws `OrderError.invalidTransition` (conflict `order.invalid_transition`, naming both
    /// statuses) for a pair that `OrderStatus.allowedTransitions` does not list.
    public mutating func transition(
        to next: OrderStatus, by actor: OrderActor, at time: Date, message: String? = nil
    ) throws {
        guard status.canTransition(to: next) else {
            throw OrderError.invalidTransition(orderNumber: number, from: status, to: next)
        }
        history.append(
            OrderHistoryEntry(
                kind: .statusChanged, actor: actor, occurredAt: time, fromStatus: status, toStatus: next,
                message: message))
        status = next
        updatedAt = time
    }

    /// Appends a history entry of `kind` in the current status.
    public mutating func record(_ kind: OrderHistoryEntry.Kind, by actor: OrderActor, at time: Date, message: String?) {
        history.append(
            OrderHistoryEntry(kind: kind, actor: actor, occurredAt: time, toStatus: status, message: message))
        updatedAt = time
    }

    /// Returns the recorded payment event of `kind` with provider id `reference`, if any.
    public func paymentRecord(_ kind: PaymentRecord.Kind, reference: String) -> PaymentRecord? {
        payments.first { $0.kind == kind && $0.reference == reference }
    }

    /// Records a change of the catalog stock held for the order.
    mutating func setStock(_ state: StockState, at time: Date) {
        guard stock != state else { return }
        stock = state
        record(state == .committed ? .stockCommitted : .stockReleased, by: .system, at: time, message: nil)
    }

    /// The stock call the order's status still needs while its stock is reserved: commit once
    /// paid, release once cancelled; nil when the catalog already matches.
    ///
    /// Stock that was committed stays sold when a paid order is cancelled or refunded: putting
    /// it back is a stock adjustment in the catalog.
    public var pendingStockChange: StockState? {
        guard stock == .reserved else { return nil }
        switch status {
        case .pendingPayment: return nil
        case .cancelled: return .released
        case .paid, .fulfilled, .partiallyRefunded, .refunded: return .committed
        }
    }
}
