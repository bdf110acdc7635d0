import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// The one statement that reserves stock: it locks the lines' stock rows in variant id order,
/// checks every line, and only when all pass records the reservation, its lines, the stock
/// decrements with their movements and the `inventory.reserved` event.
///
/// Sent together with COMMIT, it holds the stock rows' locks only while the server runs it. The
/// reservation row is inserted with `ON CONFLICT DO NOTHING` before any stock changes, so an
/// order that a concurrent call reserved first takes no stock twice. It returns one row per
/// requested line, in variant id order.
enum ReservationStatement {
    /// One requested line as the statement saw it.
    struct LineOutcome {
        var line: ReservationLine
        /// Nil when the variant is unknown or its product is deleted.
        var level: InventoryLevel?
    }

    /// The statement's result: whether it reserved, and each line's stock.
    struct Outcome {
        /// True when this call stored the reservation and took the stock.
        var created: Bool
        var lines: [LineOutcome]
    }

    static let sql = """
        WITH requested AS (
            SELECT * FROM unnest($2::uuid[], $3::int[]) AS r (variant_id, quantity)
        ),
        locked AS (
            SELECT l.variant_id, l.available, r.quantity, v.product_id, v.sku, v.tracks_inventory, v.inventory_policy
            FROM catalog.inventory_levels l
            JOIN requested r ON r.variant_id = l.variant_id
            JOIN catalog.variants v ON v.id = l.variant_id
            JOIN catalog.products p ON p.id = v.product_id
            WHERE l.tenant_id = $1 AND p.deleted_at IS NULL
            ORDER BY l.variant_id
            FOR UPDATE OF l
        ),
        verdict AS (
            SELECT count(*) = cardinality($2::uuid[]) AND coalesce(bool_and(
                NOT (tracks_inventory AND inventory_policy = 'deny') OR available >= quantity), true) AS ok
            FROM locked
        ),
        reservation AS (
            INSERT INTO catalog.reservations (tenant_id, order_id, state, created_at, updated_at)
            SELECT $1, $4, 'reserved', $5, $5 FROM verdict WHERE ok
            ON CONFLICT (tenant_id, order_id) DO NOTHING
            RETURNING order_id
        ),
        reserved_lines AS (
            INSERT INTO catalog.reservation_lines (tenant_id, order_id, variant_id, quantity)
            SELECT $1, reservation.order_id, r.variant_id, r.quantity FROM reservation, requested r
        ),
        changed AS (
            UPDATE catalog.inventory_levels l SET available = l.available - k.quantity, updated_at = $6
            FROM locked k, reservation
            WHERE l.tenant_id = $1 AND l.variant_id = k.variant_id AND k.tracks_inventory
            RETURNING l.variant_id, l.available, k.quantity
        ),
        movements AS (
            INSERT INTO catalog.inventory_movements
                (tenant_id, variant_id, delta, resulting_quantity, reason, occurred_at)
            SELECT $1, variant_id, -quantity, available, $7, $5 FROM changed
        ),
        event AS (
            INSERT INTO catalog.outbox (id, type, tenant_id, occurred_at, version, data)
            SELECT $8, $9, $1, $10, $11, $12::jsonb FROM reservation
            RETURNING id
        )
        SELECT r.variant_id, r.quantity, k.available, k.product_id, k.sku, k.tracks_inventory, k.inventory_policy,
            (SELECT count(*) FROM reservation) AS created,
            (SELECT count(pg_notify($13, '')) FROM event) AS notified
        FROM requested r LEFT JOIN locked k ON k.variant_id = r.variant_id
        ORDER BY r.variant_id
        """

    /// Binds the statement for `lines` (normalized, so each variant appears once).
    static func statement(
        orderID: UUID, lines: [ReservationLine], tenantID: UUID, at time: Date, event: CatalogEvent
    ) -> PostgresStatement {
        let reason = "reserved for order \(orderID.lowercasedString)"
        return PostgresStatement(
            sql,
            [
                tenantID, PostgresArray(lines.map(\.variantID)), PostgresArray(lines.map { String($0.quantity) }),
                orderID, time.truncatedToMilliseconds, time, reason, event.id, event.type, event.occurredAt,
                event.version, JSONText(event.data.serialized()), Outbox.channel(schema: CatalogMigrations.schema),
            ])
    }

    static func outcome(_ rows: [PostgresRow]) throws -> Outcome {
        let lines = try rows.map { row in
            let line = ReservationLine(variantID: try row.uuid("variant_id"), quantity: try row.int("quantity"))
            guard let available = try row.optionalInt("available") else { return LineOutcome(line: line, level: nil) }
            let level = InventoryLevel(
                variantID: line.variantID, productID: try row.uuid("product_id"), sku: try row.string("sku"),
                available: available, tracksInventory: try row.bool("tracks_inventory"),
                inventoryPolicy: try ProductRows.enumeration(row, "inventory_policy"))
            return LineOutcome(line: line, level: level)
        }
        return Outcome(created: try rows.first?.int("created") == 1, lines: lines)
    }
}
