import FoundationEssentials

/// An `OrderEventSink` over an in-memory transaction: events vanish with a rolled-back transaction.
struct InMemoryOrderEventSink: OrderEventSink {
    let transaction: InMemoryTransaction

    func append(_ event: OrderEvent, tenantID: UUID) throws {
        try transaction.enter(tenantID, .appendEvent)
        guard event.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        transaction.data.events.append(event)
    }
}
