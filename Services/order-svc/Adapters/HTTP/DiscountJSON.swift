import CommonKernel
import FoundationEssentials
import OrderCore

/// The JSON form of a discount code: `{code, kind: percentage | fixed, basis_points | amount,
/// minimum_subtotal, usage_limit, usage_count, starts_at, ends_at, is_active}`, with amounts as
/// decimal strings in the shop's currency and times in RFC 3339.
enum DiscountJSON {
    static func render(_ discount: Discount) -> JSONValue {
        var members: [String: JSONValue] = [
            "code": .string(discount.code),
            "minimum_subtotal": discount.minimumSubtotal.map { .string($0.formatted) } ?? .null,
            "usage_limit": discount.usageLimit.map { .number(Double($0)) } ?? .null,
            "usage_count": .number(Double(discount.usageCount)),
            "starts_at": discount.startsAt.map { .string(RFC3339.string(from: $0)) } ?? .null,
            "ends_at": discount.endsAt.map { .string(RFC3339.string(from: $0)) } ?? .null,
            "is_active": .bool(discount.isActive),
        ]
        switch discount.value {
        case .percentage(let points):
            members["kind"] = .string("percentage")
            members["basis_points"] = .number(Double(points))
        case .fixed(let amount):
            members["kind"] = .string("fixed")
            members["amount"] = .string(amount.formatted)
        }
        return .object(members)
    }

    /// Reads the body of `PUT /api/v1/orders/discounts/{code}` for the code in the path.
    /// Throws one `invalidInput` error naming every bad, missing or unknown field.
    static func discount(_ bytes: [UInt8], code: String, currency: Currency) throws -> Discount {
        var body = try JSONBody(bytes: bytes)
        let kind = body.string("kind", required: true, maxLength: 20)
        var value: Discount.Value?
        switch kind {
        case "percentage":
            value = body.int("basis_points", required: true, range: 1...10_000).map { .percentage(basisPoints: $0) }
        case "fixed":
            value = body.money("amount", currency: currency, required: true).map { .fixed($0) }
        case nil:
            break
        default:
            body.fail("kind", "must be percentage or fixed", code: "invalid")
        }
        let minimum = body.money("minimum_subtotal", currency: currency)
        let limit = body.int("usage_limit", range: 0...1_000_000_000)
        let startsAt = time("starts_at", in: &body)
        let endsAt = time("ends_at", in: &body)
        let active = body.bool("is_active") ?? true
        try body.finish()
        return Discount(
            code: code, value: value!, minimumSubtotal: minimum, usageLimit: limit, startsAt: startsAt,
            endsAt: endsAt, isActive: active)
    }

    private static func time(_ key: String, in body: inout JSONBody) -> Date? {
        guard let text = body.string(key, maxLength: 64) else { return nil }
        guard let date = RFC3339.date(from: text) else {
            body.fail(key, "must be an RFC 3339 time such as 2027-01-31T18:00:00Z", code: "invalid_format")
            return nil
        }
        return date
    }
}
