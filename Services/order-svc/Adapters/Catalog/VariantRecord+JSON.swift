import CommonKernel
import FoundationEssentials

extension VariantRecord {
    /// A member that is missing or has the wrong JSON type in a variant page.
    struct InvalidMember: Error {
        var name: String
    }

    /// Reads the body of `GET /internal/variants`, `{"data": [variant, …]}`, with the kernel's
    /// JSON parser, which costs a fraction of `JSONDecoder` on this hot path. Throws
    /// `JSONParseError` for text that is not JSON and `InvalidMember` for a wrong shape.
    static func page(_ body: [UInt8]) throws -> [VariantRecord] {
        guard case .object(let page) = try JSONParser.parse(body), case .array(let entries)? = page["data"] else {
            throw InvalidMember(name: "data")
        }
        return try entries.map { entry in
            guard case .object(let members) = entry else { throw InvalidMember(name: "data[]") }
            return try VariantRecord(members: members)
        }
    }

    init(members: [String: JSONValue]) throws {
        let reader = MemberReader(members: members)
        id = try reader.uuid("id")
        productId = try reader.uuid("product_id")
        productTitle = try reader.string("product_title")
        productStatus = try reader.string("product_status")
        published = try reader.bool("published")
        title = try reader.string("title")
        sku = try reader.optionalString("sku")
        price = try reader.string("price")
        currency = try reader.string("currency")
        grams = try reader.optionalNumber("grams")
        taxable = try reader.bool("taxable")
        requiresShipping = try reader.bool("requires_shipping")
        inventoryManagement = try reader.optionalString("inventory_management")
        inventoryPolicy = try reader.string("inventory_policy")
        inventoryQuantity = try reader.integer("inventory_quantity")
    }
}

/// Typed access to the members of one JSON object; a missing or mistyped member throws.
private struct MemberReader {
    let members: [String: JSONValue]

    func string(_ name: String) throws -> String {
        guard case .string(let value)? = members[name] else { throw VariantRecord.InvalidMember(name: name) }
        return value
    }

    /// Returns nil for a missing member or JSON null.
    func optionalString(_ name: String) throws -> String? {
        switch members[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw VariantRecord.InvalidMember(name: name)
        }
    }

    func bool(_ name: String) throws -> Bool {
        guard case .bool(let value)? = members[name] else { throw VariantRecord.InvalidMember(name: name) }
        return value
    }

    /// Returns nil for a missing member or JSON null.
    func optionalNumber(_ name: String) throws -> Double? {
        switch members[name] {
        case nil, .null?: return nil
        case .number(let value)?: return value
        default: throw VariantRecord.InvalidMember(name: name)
        }
    }

    /// Accepts only a whole number within `Int`'s range, as `JSONDecoder` does for an `Int`.
    func integer(_ name: String) throws -> Int {
        guard case .number(let value)? = members[name], value.rounded() == value, let whole = Int(exactly: value)
        else {
            throw VariantRecord.InvalidMember(name: name)
        }
        return whole
    }

    func uuid(_ name: String) throws -> UUID {
        guard let value = UUID(uuidString: try string(name)) else { throw VariantRecord.InvalidMember(name: name) }
        return value
    }
}
