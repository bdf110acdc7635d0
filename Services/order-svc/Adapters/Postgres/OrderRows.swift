import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// The columns of `ordering.orders` and how an order maps onto them.
enum OrderRows {
    /// The columns that `update` writes, in the order of `changeableValues`.
    static let changeableColumns = [
        "status", "email", "email_key", "customer_id", "currency", "subtotal_minor", "discount_minor",
        "shipping_minor", "tax_minor", "total_minor", "tax_included", "shipping_code", "shipping_name",
        "shipping_charge_minor", "discount_code", "access_token", "stock", "hold_expires_at", "tracking_number",
        "carrier", "fulfilled_at", "updated_at",
    ]

    static func changeableValues(_ order: Order) -> [any PostgresEncodable] {
        let totals = order.totals
        return [
            order.status.rawValue, order.email.value, order.email.matchKey, order.customerID, order.currency.code,
            totals.subtotal.minorUnits, totals.discount.minorUnits, totals.shipping.minorUnits,
            totals.tax.minorUnits, totals.total.minorUnits, totals.taxIncluded, order.shippingMethod?.code,
            order.shippingMethod?.name, order.shippingMethod?.charge.minorUnits, order.discountCode,
            order.accessToken, order.stock.rawValue, order.holdExpiresAt, order.fulfillment?.trackingNumber,
            order.fulfillment?.carrier, order.fulfillment?.fulfilledAt, order.updatedAt,
        ]
    }

    /// The columns set only when the order is inserted.
    static let fixedColumns = ["tenant_id", "id", "number", "cart_id", "placed_at", "version"]

    static func fixedValues(_ order: Order) -> [any PostgresEncodable] {
        [order.tenantID, order.id, order.number, order.cartID, order.placedAt, order.version]
    }

    /// Builds an order from its row and the detail rows that `OrderDetailRows` read for it.
    static func order(_ row: PostgresRow, details: OrderDetailRows.Details) throws -> Order {
        let currency = try StoredMoney.currency(row, "currency")
        let money = { (column: String) in try StoredMoney.money(row, column, currency: currency) }
        let totals = OrderTotals(
            subtotal: try money("subtotal_minor"), discount: try money("discount_minor"),
            shipping: try money("shipping_minor"), tax: try money("tax_minor"), total: try money("total_minor"),
            taxIncluded: try row.bool("tax_included"))
        guard let status = OrderStatus(rawValue: try row.string("status")),
            let stock = StockState(rawValue: try row.string("stock")),
            let billing = details.billingAddress
        else {
            throw PostgresError.decoding(column: "status, stock or billing address", expected: "a known value")
        }
        return Order(
            id: try row.uuid("id"), tenantID: try row.uuid("tenant_id"), number: try row.int("number"),
            status: status, email: try storedEmail(row), customerID: try row.optionalUUID("customer_id"),
            cartID: try row.uuid("cart_id"), lines: details.lines, shippingAddress: details.shippingAddress,
            billingAddress: billing, shippingMethod: try shipping(row, currency: currency),
            discountCode: try row.optionalString("discount_code"), totals: totals,
            accessToken: try row.string("access_token"), stock: stock, holdExpiresAt: try row.date("hold_expires_at"),
            payments: details.payments, fulfillment: try fulfillment(row), history: details.history,
            placedAt: try row.date("placed_at"), updatedAt: try row.date("updated_at"), version: try row.int("version"))
    }

    private static func storedEmail(_ row: PostgresRow) throws -> EmailAddress {
        do {
            return try EmailAddress(try row.string("email"))
        } catch is AppError {
            throw PostgresError.decoding(column: "email", expected: "email address")
        }
    }

    private static func shipping(_ row: PostgresRow, currency: Currency) throws -> ShippingSelection? {
        guard let code = try row.optionalString("shipping_code") else { return nil }
        return ShippingSelection(
            code: code, name: try row.string("shipping_name"),
            charge: try StoredMoney.money(row, "shipping_charge_minor", currency: currency))
    }

    private static func fulfillment(_ row: PostgresRow) throws -> Fulfillment? {
        guard let tracking = try row.optionalString("tracking_number") else { return nil }
        return Fulfillment(
            trackingNumber: tracking, carrier: try row.string("carrier"), fulfilledAt: try row.date("fulfilled_at"))
    }
}
