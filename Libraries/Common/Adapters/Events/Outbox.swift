import CommonKernel
import FoundationEssentials

/// Writes events into a service's outbox inside the caller's transaction, so that a change and its
/// event commit or roll back together. `OutboxRelay` publishes them afterwards.
public enum Outbox {
    /// Returns the `NOTIFY` channel that wakes the relays of `schema` when an event is written.
    public static func channel(schema: String) -> String { "\(schema)_outbox" }

    /// Inserts `event` into `<schema>.outbox` on `connection`, which must be inside a transaction,
    /// and sends a `NOTIFY` that PostgreSQL delivers to relays when the transaction commits.
    /// Throws `PostgresError`, which is a unique violation when an event with the same id exists.
    public static func append(_ event: EventEnvelope, schema: String, on connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO \(schema).outbox (id, type, tenant_id, occurred_at, version, data)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            """, [
                event.id, event.type, event.tenantID, event.occurredAt, event.version,
                JSONText(event.data.serialized()),
            ])
        try connection.execute("SELECT pg_notify($1, '')", [channel(schema: schema)])
    }
}
