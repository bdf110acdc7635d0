import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Writes catalog events into `catalog.outbox` inside the caller's transaction, so an event
/// commits if and only if its change does.
public enum CatalogOutbox {
    static func append(_ event: CatalogEvent, on connection: PostgresConnection) throws {
        let envelope = EventEnvelope(
            id: event.id, type: event.type, tenantID: event.tenantID, occurredAt: event.occurredAt,
            version: event.version, data: event.data)
        try Outbox.append(envelope, schema: CatalogMigrations.schema, on: connection)
    }

    /// Reads a tenant's stored events, oldest first, for tests that check what a change recorded.
    public static func events(tenantID: UUID, database: PostgresPool) throws -> [CatalogEvent] {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                """
                SELECT id, type, tenant_id, catalog.epoch_ms(occurred_at) AS occurred_ms, version, data::text AS data
                FROM catalog.outbox WHERE tenant_id = $1 ORDER BY sequence
                """, [tenantID]
            ).map(event)
        }
    }

    private static func event(_ row: PostgresRow) throws -> CatalogEvent {
        let data = try JSONDecoder().decode(JSONValue.self, from: Data(try row.string("data").utf8))
        return CatalogEvent(
            id: try row.uuid("id"), type: try row.string("type"), tenantID: try row.uuid("tenant_id"),
            occurredAt: try row.milliseconds("occurred_ms"), version: try row.int("version"), data: data)
    }
}
