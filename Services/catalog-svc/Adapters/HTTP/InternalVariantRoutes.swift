import CatalogCore
import CommonKernel
import Foundation

/// `GET /internal/variants?ids=ID,ID,...`: snapshots of variants for order-svc's carts, with the
/// same credentials as `InternalStockRoutes`.
///
/// Returns `{data: [...], missing: [...]}`: a snapshot per known variant of a live product
/// (price, weight, tax and shipping flags, stock), and the ids that matched none.
struct InternalVariantRoutes {
    /// The maximum number of ids in one request.
    static let maximumIDs = 100

    let products: any ProductRepository
    let inventory: any InventoryRepository

    func install(into router: inout Router) {
        router.get("/internal/variants") { request, context in
            let tenant = try InternalStockRoutes.tenant(request, context)
            let ids = try Self.ids(request.query["ids"])
            var found: [(Variant, Product)] = []
            var missing: [UUID] = []
            var productCache: [UUID: Product] = [:]
            for id in ids {
                guard let level = try? inventory.level(variantID: id, tenantID: tenant.id) else {
                    missing.append(id)
                    continue
                }
                if productCache[level.productID] == nil {
                    productCache[level.productID] = try products.find(id: level.productID, tenantID: tenant.id)
                }
                guard let product = productCache[level.productID], let variant = product.variant(id: id) else {
                    missing.append(id)
                    continue
                }
                found.append((variant, product))
            }
            return .jsonBytes(Self.body(found, missing: missing))
        }
    }

    private static func ids(_ text: String?) throws -> [UUID] {
        let parts = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
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

    private static func body(_ found: [(Variant, Product)], missing: [UUID]) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024 * max(1, found.count))
        writer.object { json in
            json.key("data")
            json.array(found) { json, entry in snapshot(entry.0, of: entry.1, into: &json) }
            json.key("missing")
            json.array(missing) { json, id in json.string(id.lowercasedString) }
        }
        return writer.bytes
    }

    private static func snapshot(_ variant: Variant, of product: Product, into json: inout JSONWriter) {
        json.object { json in
            json.member("id", variant.id.lowercasedString)
            json.member("product_id", product.id.lowercasedString)
            json.member("product_title", product.title)
            json.member("product_handle", product.handle)
            json.member("product_status", product.status.rawValue)
            json.member("published", product.published)
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
            json.member("available", isAvailable(variant))
            json.member("image_src", product.images.first { $0.variantIDs.contains(variant.id) }?.src
                ?? product.images.min { $0.position < $1.position }?.src)
        }
    }
}
