import CatalogCore
import CommonKernel
import FoundationEssentials

/// `GET /internal/variants?ids=ID,ID,...`: snapshots of variants for order-svc's carts, with the
/// same credentials as `InternalStockRoutes`.
///
/// Returns `{data: [...], missing: [...]}`: a snapshot per known variant of a live product
/// (price, weight, tax and shipping flags, stock), and the ids that matched none. All variants
/// come from one database read, without the products' options and images.
struct InternalVariantRoutes {
    /// The maximum number of ids in one request.
    static let maximumIDs = 100

    let inventory: any InventoryRepository

    func install(into router: inout Router) {
        router.get("/internal/variants") { request, context in
            let tenant = try InternalStockRoutes.tenant(request, context)
            let ids = try Self.ids(request.query["ids"])
            let found = try inventory.saleVariants(ids, tenantID: tenant.id)
            let foundIDs = Set(found.map(\.variant.id))
            return .jsonBytes(Self.body(found, missing: ids.filter { !foundIDs.contains($0) }))
        }
    }

    private static func ids(_ text: String?) throws -> [UUID] {
        let parts = (text ?? "").split(separator: ",").map { $0.trimmingWhitespace() }
        guard !parts.isEmpty, parts.count <= maximumIDs else {
            throw AppError.invalidField("ids", "must list 1 to \(maximumIDs) variant ids separated by commas", code: "invalid")
        }
        var ids: [UUID] = []
        for part in parts {
            guard let id = UUID(uuidString: part) else {
                throw AppError.invalidField("ids", "contains \"\(part)\", which is not a variant id (UUID)", code: "invalid_format")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    private static func body(_ found: [SaleVariant], missing: [UUID]) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024 * max(1, found.count))
        writer.object { json in
            json.key("data")
            json.array(found) { json, entry in snapshot(entry, into: &json) }
            json.key("missing")
            json.array(missing) { json, id in json.string(id.lowercasedString) }
        }
        return writer.bytes
    }

    private static func snapshot(_ entry: SaleVariant, into json: inout JSONWriter) {
        let variant = entry.variant
        json.object { json in
            json.member("id", variant.id.lowercasedString)
            json.member("product_id", entry.productID.lowercasedString)
            json.member("product_title", entry.productTitle)
            json.member("product_handle", entry.productHandle)
            json.member("product_status", entry.productStatus.rawValue)
            json.member("published", entry.published)
            json.member("title", variant.optionValues.joined(separator: " / "))
            json.member("sku", variant.sku)
            json.member("price", variant.price.formatted)
            json.member("compare_at_price", variant.compareAtPrice?.formatted)
            json.member("currency", variant.price.currency.code)
            json.member("grams", number: variant.weight.gramsText)
            json.member("weight_unit", variant.weight.unit.rawValue)
            json.member("taxable", variant.taxable)
            json.member("tax_code", variant.taxCode)
            json.member("requires_shipping", variant.requiresShipping)
            json.member("inventory_management", variant.tracksInventory ? "shopify" : nil)
            json.member("inventory_policy", variant.inventoryPolicy.rawValue)
            json.member("inventory_quantity", variant.inventoryQuantity)
            json.member("available", variant.isAvailable)
        }
    }
}
