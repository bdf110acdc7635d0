import CommonKernel
import FoundationEssentials

/// The JSON shapes of carts in API responses.
public enum CartJSON {
    /// Builds the response of `POST /api/v1/carts`: `{"id": ..., "token": ...}`, with a null
    /// token for a customer cart. No other response contains the token.
    public static func created(_ result: CreateCart.Result) -> JSONValue {
        .object([
            "id": .string(result.cart.id.lowercasedString), "token": result.token.map { .string($0) } ?? .null,
        ])
    }

    /// Builds a cart with its lines and subtotal, without the guest token. A line's `id` is its
    /// variant's id, which the line routes take as `{line_id}`.
    ///
    /// Throws `money.overflow` for a subtotal beyond 64 bits.
    public static func cart(_ cart: Cart) throws -> JSONValue {
        var subtotal = Money.zero(cart.currency)
        var lines: [JSONValue] = []
        for line in cart.lines {
            let lineTotal = try line.unitPrice.multiplied(by: line.quantity)
            subtotal = try subtotal.adding(lineTotal)
            lines.append(
                .object([
                    "id": .string(line.variantID.lowercasedString),
                    "variant_id": .string(line.variantID.lowercasedString), "title": .string(line.title),
                    "variant_title": .string(line.variantTitle), "sku": .string(line.sku),
                    "unit_price": line.unitPrice.jsonValue, "quantity": .number(Double(line.quantity)),
                    "line_total": lineTotal.jsonValue,
                ]))
        }
        return .object([
            "id": .string(cart.id.lowercasedString), "lines": .array(lines), "subtotal": subtotal.jsonValue,
            "checked_out": .bool(cart.isCheckedOut), "updated_at": .string(RFC3339.string(from: cart.updatedAt)),
        ])
    }
}
