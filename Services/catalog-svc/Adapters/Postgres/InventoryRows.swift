import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// The stock statements that the inventory repository's operations share.
enum InventoryRows {
    /// Reads the stock rows of `variantIDs`, optionally locking them in variant id order. Every
    /// stock change locks in that order, so two stock changes cannot deadlock.
    ///
    /// Variants of soft-deleted products are left out unless `includeDeleted` is true.
    static func levels(
        _ variantIDs: [UUID], tenantID: UUID, includeDeleted: Bool = false, forUpdate: Bool,
        on connection: PostgresConnection
    ) throws -> [UUID: InventoryLevel] {
        let rows = try connection.query(
            """
            SELECT l.variant_id, v.product_id, v.sku, l.available, v.tracks_inventory, v.inventory_policy
            FROM catalog.inventory_levels l
            JOIN catalog.variants v ON v.id = l.variant_id
            JOIN catalog.products p ON p.id = v.product_id
            WHERE l.tenant_id = $1 AND l.variant_id = ANY($2::uuid[]) AND ($3 OR p.deleted_at IS NULL)
            ORDER BY l.variant_id
            \(forUpdate ? "FOR UPDATE OF l" : "")
            """, [tenantID, PostgresArray(variantIDs), includeDeleted])
        var levels: [UUID: InventoryLevel] = [:]
        for row in rows {
            let level = InventoryLevel(
                variantID: try row.uuid("variant_id"), productID: try row.uuid("product_id"),
                sku: try row.string("sku"), available: try row.int("available"),
                tracksInventory: try row.bool("tracks_inventory"),
                inventoryPolicy: try ProductRows.enumeration(row, "inventory_policy"))
            levels[level.variantID] = level
        }
        return levels
    }

    /// Reads and locks one variant's stock; throws `CatalogError.variantNotFound`.
    static func lockedLevel(
        _ variantID: UUID, tenantID: UUID, on connection: PostgresConnection
    ) throws -> InventoryLevel {
        guard let level = try levels([variantID], tenantID: tenantID, forUpdate: true, on: connection)[variantID]
        else {
            throw CatalogError.variantNotFound(variantID)
        }
        return level
    }

    /// Adds `delta` to a locked level and records the movement; a zero delta records nothing.
    @discardableResult
    static func change(
        _ level: InventoryLevel, by delta: Int, reason: String, tenantID: UUID, at time: Date,
        on connection: PostgresConnection
    ) throws -> InventoryLevel {
        guard delta != 0 else { return level }
        var changed = level
        changed.available += delta
        try connection.execute(
            "UPDATE catalog.inventory_levels SET available = $3, updated_at = $4 WHERE tenant_id = $1 AND variant_id = $2",
            [tenantID, level.variantID, changed.available, time])
        try connection.execute(
            """
            INSERT INTO catalog.inventory_movements
                (tenant_id, variant_id, delta, resulting_quantity, reason, occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, [tenantID, level.variantID, delta, changed.available, reason, time.truncatedToMilliseconds])
        return changed
    }
}
