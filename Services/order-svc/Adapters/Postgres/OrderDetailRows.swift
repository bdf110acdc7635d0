import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// The rows that belong to an order: lines, addresses, history and payment records.
struct OrderDetailRows {
    /// The detail rows of one order.
    struct Details {
        var lines: [OrderLine] = []
        var shippingAddress: PostalAddress?
        var billingAddress: PostalAddress?
        var history: [OrderHistoryEntry] = []
        var payments: [PaymentRecord] = []
    }

    let database: TransactionConnection

    /// Reads the details of `orders` (rows of `ordering.orders`) with one query per detail table.
    func read(for orders: [PostgresRow], tenantID: UUID) throws -> [UUID: Details] {
        var currencies: [UUID: Currency] = [:]
        for row in orders { currencies[try row.uuid("id")] = try StoredMoney.currency(row, "currency") }
        guard !currencies.isEmpty else { return [:] }
        var details: [UUID: Details] = [:]
        let select = { (table: String, order: String) in
            try database.query(
                "SELECT * FROM ordering.\(table) WHERE tenant_id = $1 AND order_id = ANY($2::uuid[]) ORDER BY \(order)",
                [tenantID, PostgresUUIDArray(Array(currencies.keys))])
        }
        for row in try select("order_lines", "order_id, position") {
            let orderID = try row.uuid("order_id")
            details[orderID, default: Details()].lines.append(try Self.line(row, currency: currencies[orderID]!))
        }
        for row in try select("order_addresses", "order_id, kind") {
            let address = try Self.address(row)
            if try row.string("kind") == "shipping" {
                details[try row.uuid("order_id"), default: Details()].shippingAddress = address
            } else {
                details[try row.uuid("order_id"), default: Details()].billingAddress = address
            }
        }
        for row in try select("order_history", "order_id, position") {
            details[try row.uuid("order_id"), default: Details()].history.append(try Self.historyEntry(row))
        }
        for row in try select("order_payments", "order_id, position") {
            let orderID = try row.uuid("order_id")
            details[orderID, default: Details()].payments.append(try Self.payment(row, currency: currencies[orderID]!))
        }
        return details
    }

    /// Writes every detail row of a new order.
    func insert(_ order: Order) throws {
        let lines: [[any PostgresEncodable]] = order.lines.enumerated().map { position, line in
            [
                order.tenantID, order.id, position, line.variantID, line.productID, line.title, line.variantTitle,
                line.sku, line.unitPrice.minorUnits, line.quantity, line.lineTotal.minorUnits, line.weightGrams,
                line.requiresShipping, line.taxable,
            ]
        }
        try database.insert(
            into: "ordering.order_lines",
            columns: [
                "tenant_id", "order_id", "position", "variant_id", "product_id", "title", "variant_title", "sku",
                "unit_price_minor", "quantity", "line_total_minor", "weight_grams", "requires_shipping", "taxable",
            ], rows: lines)
        var addresses: [[any PostgresEncodable]] = []
        if let shipping = order.shippingAddress { addresses.append(Self.addressValues(shipping, "shipping", of: order)) }
        addresses.append(Self.addressValues(order.billingAddress, "billing", of: order))
        try database.insert(
            into: "ordering.order_addresses",
            columns: [
                "tenant_id", "order_id", "kind", "name", "line1", "line2", "city", "district", "postcode", "country",
                "phone",
            ], rows: addresses)
        try appendHistoryAndPayments(of: order)
    }

    /// Writes the history entries and payment records that are not stored yet. Both lists only
    /// ever grow, so an entry's position identifies it.
    func appendHistoryAndPayments(of order: Order) throws {
        let history: [[any PostgresEncodable]] = order.history.enumerated().map { position, entry in
            [
                order.tenantID, order.id, position, entry.kind.rawValue, entry.actor.description, entry.occurredAt,
                entry.fromStatus?.rawValue, entry.toStatus.rawValue, entry.message,
            ]
        }
        try database.insert(
            into: "ordering.order_history",
            columns: [
                "tenant_id", "order_id", "position", "kind", "actor", "occurred_at", "from_status", "to_status",
                "message",
            ], rows: history, suffix: "ON CONFLICT DO NOTHING")
        let payments: [[any PostgresEncodable]] = order.payments.enumerated().map { position, record in
            [
                order.tenantID, order.id, position, record.kind.rawValue, record.reference,
                record.amount?.minorUnits, record.occurredAt,
            ]
        }
        try database.insert(
            into: "ordering.order_payments",
            columns: ["tenant_id", "order_id", "position", "kind", "reference", "amount_minor", "occurred_at"],
            rows: payments, suffix: "ON CONFLICT DO NOTHING")
    }
}
