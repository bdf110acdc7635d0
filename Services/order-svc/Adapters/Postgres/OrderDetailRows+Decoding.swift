import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

extension OrderDetailRows {
    static func line(_ row: PostgresRow, currency: Currency) throws -> OrderLine {
        try OrderLine(
            variantID: try row.uuid("variant_id"), productID: try row.uuid("product_id"),
            title: try row.string("title"), variantTitle: try row.string("variant_title"), sku: try row.string("sku"),
            unitPrice: try StoredMoney.money(row, "unit_price_minor", currency: currency),
            quantity: try row.int("quantity"), weightGrams: try row.int("weight_grams"),
            requiresShipping: try row.bool("requires_shipping"), taxable: try row.bool("taxable"))
    }

    static func address(_ row: PostgresRow) throws -> PostalAddress {
        PostalAddress(
            name: try row.string("name"), line1: try row.string("line1"), line2: try row.optionalString("line2"),
            city: try row.string("city"), district: try row.optionalString("district"),
            postcode: try row.optionalString("postcode"), country: try row.string("country"),
            phone: try row.string("phone"))
    }

    static func addressValues(_ address: PostalAddress, _ kind: String, of order: Order) -> [any PostgresEncodable] {
        [
            order.tenantID, order.id, kind, address.name, address.line1, address.line2, address.city,
            address.district, address.postcode, address.country, address.phone,
        ]
    }

    static func historyEntry(_ row: PostgresRow) throws -> OrderHistoryEntry {
        guard let kind = OrderHistoryEntry.Kind(rawValue: try row.string("kind")),
            let actor = OrderActor(stored: try row.string("actor")),
            let toStatus = OrderStatus(rawValue: try row.string("to_status"))
        else {
            throw PostgresError.decoding(column: "kind, actor or to_status", expected: "a known value")
        }
        let fromStatus = try row.optionalString("from_status").map { text in
            guard let status = OrderStatus(rawValue: text) else {
                throw PostgresError.decoding(column: "from_status", expected: "an order status")
            }
            return status
        }
        return OrderHistoryEntry(
            kind: kind, actor: actor, occurredAt: try row.date("occurred_at"), fromStatus: fromStatus,
            toStatus: toStatus, message: try row.optionalString("message"))
    }

    static func payment(_ row: PostgresRow, currency: Currency) throws -> PaymentRecord {
        guard let kind = PaymentRecord.Kind(rawValue: try row.string("kind")) else {
            throw PostgresError.decoding(column: "kind", expected: "a payment record kind")
        }
        return PaymentRecord(
            kind: kind, reference: try row.string("reference"),
            amount: try StoredMoney.optionalMoney(row, "amount_minor", currency: currency),
            occurredAt: try row.date("occurred_at"))
    }
}

/// A `uuid[]` parameter, written in PostgreSQL's array text form.
struct PostgresUUIDArray: PostgresEncodable {
    let ids: [UUID]

    init(_ ids: [UUID]) {
        self.ids = ids
    }

    var postgresText: String? {
        "{" + ids.map { $0.lowercasedString }.joined(separator: ",") + "}"
    }
}
