import CommonKernel

extension Outbox {
    /// Returns one statement that inserts `event` into `<schema>.outbox` and sends the relays'
    /// `NOTIFY`, like `append`, for a caller that pipelines it with other statements.
    public static func statement(_ event: EventEnvelope, schema: String) -> PostgresStatement {
        PostgresStatement(
            """
            WITH inserted AS (
                INSERT INTO \(schema).outbox (id, type, tenant_id, occurred_at, version, data)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id
            )
            SELECT pg_notify($7, '') FROM inserted
            """,
            [
                event.id, event.type, event.tenantID, event.occurredAt, event.version,
                JSONText(event.data.serialized()), channel(schema: schema),
            ])
    }
}
