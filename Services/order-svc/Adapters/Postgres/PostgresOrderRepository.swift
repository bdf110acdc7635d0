import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Orders in `ordering.orders` with their detail rows, and the per-tenant number counter.
///
/// NOTE: an order's lines and addresses are written once, when it is inserted. `update` stores
/// the changeable columns and appends new history entries and payment records, because no use
/// case changes what was bought or where it goes.
struct PostgresOrderRepository: OrderRepository {
    let database: TransactionConnection

    /// Takes the next number in one statement. The counter row stays locked until the caller's
    /// transaction ends, so a concurrent checkout waits and then takes the following number.
    func allocateNumber(tenantID: UUID) throws -> Int {
        let rows = try database.query(
            """
            INSERT INTO ordering.order_counters (tenant_id, next) VALUES ($1, 1002)
            ON CONFLICT (tenant_id) DO UPDATE SET next = order_counters.next + 1
            RETURNING next - 1 AS number
            """, [tenantID])
        return try rows[0].int("number")
    }

    func insert(_ order: Order, tenantID: UUID) throws {
        guard order.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        let columns = OrderRows.fixedColumns + OrderRows.changeableColumns
        let values = OrderRows.fixedValues(order) + OrderRows.changeableValues(order)
        let placeholders = values.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        let numberTaken = AppError(
            .conflict, code: "order.number_taken", detail: "Order \(order.displayNumber) already exists.")
        try database.write(
            PostgresStatement(
                "INSERT INTO ordering.orders (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", values),
            uniqueViolation: ("orders_tenant_id_number_key", numberTaken))
        try OrderDetailRows(database: database).insert(order)
    }

    func update(_ order: Order, tenantID: UUID) throws -> Order {
        guard order.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        let values = OrderRows.changeableValues(order)
        let assignments = OrderRows.changeableColumns.enumerated().map { "\($1) = $\($0 + 4)" }
        let updated = try database.execute(
            """
            UPDATE ordering.orders SET \(assignments.joined(separator: ", ")), version = version + 1
            WHERE tenant_id = $1 AND id = $2 AND version = $3
            """, [tenantID, order.id, order.version] + values)
        guard updated == 1 else {
            let exists = try database.query(
                "SELECT 1 FROM ordering.orders WHERE tenant_id = $1 AND id = $2", [tenantID, order.id])
            throw exists.isEmpty ? OrderError.orderNotFound() : OrderError.versionConflict(orderNumber: order.number)
        }
        try OrderDetailRows(database: database).appendHistoryAndPayments(of: order)
        var stored = order
        stored.version += 1
        return stored
    }

    func find(id: UUID, tenantID: UUID) throws -> Order? {
        try load("WHERE tenant_id = $1 AND id = $2", [tenantID, id], tenantID: tenantID).first
    }

    func find(number: Int, tenantID: UUID) throws -> Order? {
        // PostgreSQL rejects a parameter outside the integer column's range instead of matching nothing.
        guard Order.numberRange.contains(number) else { return nil }
        return try load("WHERE tenant_id = $1 AND number = $2", [tenantID, number], tenantID: tenantID).first
    }

    /// Reads the orders that `clause` selects, in its order, with their details.
    func load(_ clause: String, _ parameters: [any PostgresEncodable], tenantID: UUID) throws -> [Order] {
        let rows = try database.query("SELECT * FROM ordering.orders \(clause)", parameters)
        let details = try OrderDetailRows(database: database).read(for: rows, tenantID: tenantID)
        return try rows.map { row in
            try OrderRows.order(row, details: details[try row.uuid("id")] ?? OrderDetailRows.Details())
        }
    }
}
