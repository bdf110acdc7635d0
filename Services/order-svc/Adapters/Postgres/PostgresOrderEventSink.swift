import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Appends order events to `ordering.outbox` in the caller's transaction, for `OutboxRelay`.
struct PostgresOrderEventSink: OrderEventSink {
    let database: TransactionConnection

    func append(_ event: OrderEvent, tenantID: UUID) throws {
        guard event.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        let envelope = EventEnvelope(
            id: event.id, type: event.type, tenantID: event.tenantID, occurredAt: event.occurredAt,
            version: event.version, data: event.data)
        try database.write(Outbox.statement(envelope, schema: OrderMigrations.schema))
    }

    /// Reads an outbox row back into the event that was appended.
    static func event(_ row: PostgresRow) throws -> OrderEvent {
        let data: JSONValue
        do {
            data = try JSONDecoder().decode(JSONValue.self, from: Data(try row.string("data").utf8))
        } catch {
            throw PostgresError.decoding(column: "data", expected: "JSON")
        }
        return OrderEvent(
            id: try row.uuid("id"), type: try row.string("type"), tenantID: try row.uuid("tenant_id"),
            occurredAt: try row.date("occurred_at"), version: try row.int("version"), data: data)
    }
}
