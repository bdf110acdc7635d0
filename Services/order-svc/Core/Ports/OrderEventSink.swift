import FoundationEssentials

/// The outbox of order events: appends one event to the transaction it belongs to.
///
/// The PostgreSQL adapter inserts into the outbox table on the transaction's connection, so the
/// event exists if and only if the change it describes was committed. A relay publishes it later.
public protocol OrderEventSink: Sendable {
    /// Appends `event`; throws `OrderError.tenantMismatch` when its tenant is not `tenantID`.
    func append(_ event: OrderEvent, tenantID: UUID) throws
}
