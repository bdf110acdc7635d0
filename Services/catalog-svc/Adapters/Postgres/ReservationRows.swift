import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Reads and writes reservation rows inside the caller's transaction.
enum ReservationRows {
    /// Returns the order's reservation with its lines in `ReservationRequest.normalizedLines`
    /// order, locking the reservation row when `lock` is true. One query reads both.
    static func find(
        _ orderID: UUID, tenantID: UUID, lock: Bool, on connection: PostgresConnection
    ) throws -> Reservation? {
        let rows = try connection.query(
            """
            SELECT r.state, catalog.epoch_ms(r.created_at) AS created_ms, catalog.epoch_ms(r.updated_at) AS updated_ms,
                l.variant_id, l.quantity
            FROM catalog.reservations r
            LEFT JOIN catalog.reservation_lines l ON l.tenant_id = r.tenant_id AND l.order_id = r.order_id
            WHERE r.tenant_id = $1 AND r.order_id = $2 \(lock ? "FOR UPDATE OF r" : "")
            """, [tenantID, orderID])
        guard let row = rows.first else { return nil }

        let lines = try rows.compactMap { line -> ReservationLine? in
            guard let variantID = try line.optionalUUID("variant_id") else { return nil }
            return ReservationLine(variantID: variantID, quantity: try line.int("quantity"))
        }
        return Reservation(
            orderID: orderID, tenantID: tenantID,
            lines: lines.sorted { $0.variantID.uuidString < $1.variantID.uuidString },
            state: try ProductRows.enumeration(row, "state"), createdAt: try row.milliseconds("created_ms"),
            updatedAt: try row.milliseconds("updated_ms"))
    }

    static func insert(_ reservation: Reservation, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO catalog.reservations (tenant_id, order_id, state, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5)
            """,
            [reservation.tenantID, reservation.orderID, reservation.state.rawValue, reservation.createdAt,
             reservation.updatedAt])
        try connection.insertRows(
            into: "catalog.reservation_lines", columns: ["tenant_id", "order_id", "variant_id", "quantity"],
            rows: reservation.lines.map { [reservation.tenantID, reservation.orderID, $0.variantID, $0.quantity] })
    }

    static func updateState(_ reservation: Reservation, on connection: PostgresConnection) throws {
        try connection.execute(
            "UPDATE catalog.reservations SET state = $3, updated_at = $4 WHERE tenant_id = $1 AND order_id = $2",
            [reservation.tenantID, reservation.orderID, reservation.state.rawValue, reservation.updatedAt])
    }
}
