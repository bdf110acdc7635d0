import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Orders whose stock release found no reservation in the catalog, kept in
/// `ordering.stock_release_checks` so that the maintenance loop releases them once more later.
///
/// A reservation request that timed out on order-svc's side can still reach the catalog after
/// the release that was meant to undo it. Releasing again after `OrderMaintenance.recheckDelay`
/// gives that stock back.
struct PostgresStockReleaseChecks: Sendable {
    let database: PostgresPool
    let logger: Logger

    /// Records the order; a failure is logged, because the release itself succeeded and the
    /// check only guards against a rare late reservation.
    func record(orderID: UUID, tenantID: UUID) {
        do {
            try database.withTenantTransaction(tenantID) { connection in
                try connection.execute(
                    """
                    INSERT INTO ordering.stock_release_checks (tenant_id, order_id, released_at)
                    VALUES ($1, $2, now()) ON CONFLICT DO NOTHING
                    """, [tenantID, orderID])
            }
        } catch {
            logger.warning(
                "recording a release to check again failed",
                [
                    "tenant.id": tenantID.lowercasedString, "order.id": orderID.lowercasedString,
                    "error": String(reflecting: error),
                ])
        }
    }

    /// Returns up to `limit` orders of the tenant recorded before `time`, oldest first.
    func due(before time: Date, tenantID: UUID, limit: Int = 100) throws -> [UUID] {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                """
                SELECT order_id FROM ordering.stock_release_checks
                WHERE tenant_id = $1 AND released_at < $2 ORDER BY released_at LIMIT $3
                """, [tenantID, time, limit]
            ).map { try $0.uuid("order_id") }
        }
    }

    func remove(orderID: UUID, tenantID: UUID) throws {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.execute(
                "DELETE FROM ordering.stock_release_checks WHERE tenant_id = $1 AND order_id = $2", [tenantID, orderID])
        }
    }
}
