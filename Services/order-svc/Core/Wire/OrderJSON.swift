import CommonKernel
import FoundationEssentials

/// The JSON shapes of orders in API responses, snake_case with amounts as `Money.jsonValue`.
public enum OrderJSON {
    /// Builds the response of a checkout, `{"order": {id, number, status, totals, token}}`, which
    /// is the same for the first request and for an idempotent replay. `token` is the order's
    /// status token, which lets the customer read the order without an account.
    public static func placed(_ order: Order) -> JSONValue {
        var summary = summary(order)
        summary["token"] = .string(order.statusToken)
        return .object(["order": .object(summary)])
    }

    /// Builds an order with its lines, addresses, fulfilment, payments and history, for staff
    /// and for the customer's status page. The access secret is left out.
    public static func detail(_ order: Order) -> JSONValue {
        var members = summary(order)
        members["email"] = .string(order.email.value)
        members["placed_at"] = .string(RFC3339.string(from: order.placedAt))
        members["updated_at"] = .string(RFC3339.string(from: order.updatedAt))
        members["hold_expires_at"] = .string(RFC3339.string(from: order.holdExpiresAt))
        members["stock"] = .string(order.stock.rawValue)
        members["lines"] = .array(order.lines.map(line))
        members["shipping_address"] = order.shippingAddress.map(address) ?? .null
        members["billing_address"] = address(order.billingAddress)
        members["shipping_method"] = order.shippingMethod.map(shippingMethod) ?? .null
        members["discount_code"] = order.discountCode.map { .string($0) } ?? .null
        members["fulfillment"] = order.fulfillment.map(fulfillment) ?? .null
        members["paid"] = order.paidAmount.jsonValue
        members["refunded"] = order.refundedAmount.jsonValue
        members["history"] = .array(order.history.map(historyEntry))
        return .object(members)
    }

    /// Builds a page of a staff listing of the shop `tenantID`: `{"orders": [...], "next_cursor":
    /// "..." or null}`.
    public static func page(_ page: OrderPage, tenantID: UUID) -> JSONValue {
        .object([
            "orders": .array(page.orders.map { .object(summary($0)) }),
            "next_cursor": page.nextCursor.map { .string($0.encoded(tenantID: tenantID)) } ?? .null,
        ])
    }

    static func summary(_ order: Order) -> [String: JSONValue] {
        [
            "id": .string(order.id.lowercasedString), "number": .number(Double(order.number)),
            "status": .string(order.status.rawValue), "totals": totals(order.totals),
        ]
    }

    /// Builds `{subtotal, discount, shipping, tax, total, tax_included}`.
    public static func totals(_ totals: OrderTotals) -> JSONValue {
        .object([
            "subtotal": totals.subtotal.jsonValue, "discount": totals.discount.jsonValue,
            "shipping": totals.shipping.jsonValue, "tax": totals.tax.jsonValue, "total": totals.total.jsonValue,
            "tax_included": .bool(totals.taxIncluded),
        ])
    }
}
