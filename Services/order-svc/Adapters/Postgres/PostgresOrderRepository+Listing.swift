import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

extension PostgresOrderRepository {
    /// Follows `OrderQuery.matches`: every filter is a bind parameter that is NULL when unset.
    func list(_ query: OrderQuery, tenantID: UUID) throws -> OrderPage {
        let orders = try load(
            """
            WHERE tenant_id = $1
              AND ($2::text IS NULL OR status = $2)
              AND ($3::timestamptz IS NULL OR placed_at >= $3)
              AND ($4::timestamptz IS NULL OR placed_at < $4)
              AND ($5::text IS NULL OR email_key = $5)
              AND ($6::integer IS NULL OR number < $6)
            ORDER BY number DESC LIMIT $7
            """,
            [
                tenantID, query.status?.rawValue, query.placedFrom, query.placedBefore, query.email?.matchKey,
                query.cursor?.afterNumber, query.limit + 1,
            ], tenantID: tenantID)
        let page = Array(orders.prefix(query.limit))
        let next = orders.count > page.count ? page.last.map { OrderCursor(afterNumber: $0.number) } : nil
        return OrderPage(orders: page, nextCursor: next)
    }

    func expiredHolds(at time: Date, limit: Int, tenantID: UUID) throws -> [Order] {
        try load(
            """
            WHERE tenant_id = $1 AND status = 'pending_payment' AND hold_expires_at <= $2
            ORDER BY hold_expires_at, number LIMIT $3
            """, [tenantID, time, limit], tenantID: tenantID)
    }

    func pendingStockChanges(limit: Int, tenantID: UUID) throws -> [Order] {
        try load(
            """
            WHERE tenant_id = $1 AND stock = 'reserved' AND status <> 'pending_payment'
            ORDER BY number LIMIT $2
            """, [tenantID, limit], tenantID: tenantID)
    }
}
