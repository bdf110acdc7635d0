import CommonKernel
import FoundationEssentials

extension OrderJSON {
    static func line(_ line: OrderLine) -> JSONValue {
        .object([
            "variant_id": .string(line.variantID.lowercasedString),
            "product_id": .string(line.productID.lowercasedString),
            "title": .string(line.title), "variant_title": .string(line.variantTitle), "sku": .string(line.sku),
            "unit_price": line.unitPrice.jsonValue, "quantity": .number(Double(line.quantity)),
            "line_total": line.lineTotal.jsonValue,
        ])
    }

    /// Builds an address object, writing absent optional members as null.
    public static func address(_ address: PostalAddress) -> JSONValue {
        let optional = { (value: String?) in value.map { JSONValue.string($0) } ?? .null }
        return .object([
            "name": .string(address.name), "line1": .string(address.line1), "line2": optional(address.line2),
            "city": .string(address.city), "district": optional(address.district),
            "postcode": optional(address.postcode), "country": .string(address.country),
            "phone": .string(address.phone),
        ])
    }

    static func shippingMethod(_ selection: ShippingSelection) -> JSONValue {
        .object([
            "code": .string(selection.code), "name": .string(selection.name), "charge": selection.charge.jsonValue,
        ])
    }

    static func fulfillment(_ fulfillment: Fulfillment) -> JSONValue {
        .object([
            "tracking_number": .string(fulfillment.trackingNumber), "carrier": .string(fulfillment.carrier),
            "fulfilled_at": .string(RFC3339.string(from: fulfillment.fulfilledAt)),
        ])
    }

    static func historyEntry(_ entry: OrderHistoryEntry) -> JSONValue {
        .object([
            "kind": .string(entry.kind.rawValue), "actor": .string(entry.actor.description),
            "occurred_at": .string(RFC3339.string(from: entry.occurredAt)),
            "from_status": entry.fromStatus.map { .string($0.rawValue) } ?? .null,
            "to_status": .string(entry.toStatus.rawValue), "message": entry.message.map { .string($0) } ?? .null,
        ])
    }
}
