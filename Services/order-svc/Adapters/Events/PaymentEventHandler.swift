import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Applies payment events to orders inside the consumer's transaction, in which the consumer
/// also records the event id, so that each event changes its order at most once.
///
/// The use cases are idempotent per payment and refund id too, so an event that payment-svc
/// publishes twice under two ids does no harm either. An event that cannot apply (an unknown
/// order, a cancelled order, an amount that differs from the total) is logged as a warning and
/// acknowledged, because delivering it again cannot change the outcome. A version conflict or
/// an unreachable database or catalog is thrown, so that the event is delivered again.
struct PaymentEventHandler: Sendable {
    let stock: any StockGateway
    let tenants: any TenantDirectory
    let logger: Logger
    /// The pause before the order changes, for fault drills that stop the process mid-handling.
    let delay: TimeInterval

    func handle(_ envelope: EventEnvelope, on connection: PostgresConnection) throws {
        let event = try PaymentEvent(envelope)
        var fields = [
            "event.id": envelope.id.lowercasedString, "event.type": envelope.type,
            "tenant.id": envelope.tenantID.lowercasedString, "order.id": event.orderID.lowercasedString,
        ]
        guard let tenant = try tenants.tenant(id: envelope.tenantID) else {
            logger.warning("payment event for an unknown tenant ignored", fields)
            return
        }
        if delay > 0 { WorkerThread.sleep(seconds: delay) }

        let store = SavepointOrderStore(database: TransactionConnection(connection: connection), tenantID: tenant.id)
        do {
            let order = try apply(event, store: store, tenant: tenant)
            fields["order.status"] = order.status.rawValue
            logger.info("payment event applied", fields)
        } catch let error as AppError where Self.isFinal(error) {
            fields["error"] = error.description
            logger.warning("payment event cannot apply to its order", fields)
        }
    }

    private func apply(_ event: PaymentEvent, store: SavepointOrderStore, tenant: TenantRecord) throws -> Order {
        switch event {
        case .succeeded(let orderID, let paymentID, let amount):
            try MarkOrderPaid(store: store, stock: stock, logger: logger).execute(
                orderID: orderID, paymentID: paymentID, amount: amount, tenant: tenant)
        case .failed(let orderID, let paymentID, let reason):
            try RecordPaymentFailure(store: store, stock: stock, logger: logger).execute(
                orderID: orderID, paymentID: paymentID, reason: reason, tenant: tenant)
        case .refunded(let orderID, let refundID, let amount):
            try RecordRefund(store: store, stock: stock, logger: logger).execute(
                orderID: orderID, refundID: refundID, amount: amount, actor: .system, tenant: tenant)
        }
    }

    /// Returns whether delivering the event again would fail the same way.
    private static func isFinal(_ error: AppError) -> Bool {
        switch error.kind {
        case .notFound, .invalidInput: true
        case .conflict: error.code != "order.version_conflict"
        default: false
        }
    }
}
