import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Stock, its movements and reservations in PostgreSQL.
///
/// Every change locks the affected `inventory_levels` rows with `SELECT ... FOR UPDATE` in
/// variant id order inside one tenant transaction, so concurrent changes of the same variant
/// queue up and a `deny` variant's check and decrement cannot interleave with another's.
public struct PostgresInventoryRepository: InventoryRepository {
    let database: PostgresPool

    public init(database: PostgresPool) {
        self.database = database
    }

    public func level(variantID: UUID, tenantID: UUID) throws -> InventoryLevel {
        try database.withTenantTransaction(tenantID) { connection in
            guard
                let level = try InventoryRows.levels(
                    [variantID], tenantID: tenantID, forUpdate: false, on: connection)[variantID]
            else {
                throw CatalogError.variantNotFound(variantID)
            }
            return level
        }
    }

    public func setQuantity(
        variantID: UUID, to quantity: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel {
        try database.withTenantTransaction(tenantID) { connection in
            let level = try InventoryRows.lockedLevel(variantID, tenantID: tenantID, on: connection)
            try AdjustInventory.checkResulting(quantity, field: "quantity")
            return try InventoryRows.change(
                level, by: quantity - level.available, reason: reason, tenantID: tenantID, at: time, on: connection)
        }
    }

    public func adjustQuantity(
        variantID: UUID, by delta: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel {
        try database.withTenantTransaction(tenantID) { connection in
            let level = try InventoryRows.lockedLevel(variantID, tenantID: tenantID, on: connection)
            let enforcesFloor = level.tracksInventory && level.inventoryPolicy == .deny
            if delta < 0, enforcesFloor, level.available + delta < 0 {
                throw CatalogError.insufficientStock(variantID: variantID, requested: -delta, available: level.available)
            }
            try AdjustInventory.checkResulting(level.available + delta, field: "delta")
            return try InventoryRows.change(
                level, by: delta, reason: reason, tenantID: tenantID, at: time, on: connection)
        }
    }

    public func movements(variantID: UUID, tenantID: UUID) throws -> [InventoryMovement] {
        try database.withTenantTransaction(tenantID) { connection in
            let known = try connection.query(
                "SELECT 1 FROM catalog.variants WHERE tenant_id = $1 AND id = $2", [tenantID, variantID])
            guard !known.isEmpty else { throw CatalogError.variantNotFound(variantID) }
            return try connection.query(
                """
                SELECT delta, resulting_quantity, reason, catalog.epoch_ms(occurred_at) AS occurred_ms
                FROM catalog.inventory_movements WHERE tenant_id = $1 AND variant_id = $2 ORDER BY id
                """, [tenantID, variantID]
            ).map { row in
                InventoryMovement(
                    variantID: variantID, delta: try row.int("delta"),
                    resultingQuantity: try row.int("resulting_quantity"), reason: try row.string("reason"),
                    occurredAt: try row.milliseconds("occurred_ms"))
            }
        }
    }
}
