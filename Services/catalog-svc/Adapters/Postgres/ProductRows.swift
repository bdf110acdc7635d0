import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Reads products and their options, variants and images from rows, a page of products at a
/// time in one statement, whatever the page size.
enum ProductRows {
    /// The product columns every read selects, with timestamps as epoch milliseconds.
    static let productColumns = """
        p.id, p.tenant_id, p.handle, p.title, p.sort_title, p.body_html, p.vendor, p.product_type,
        p.product_category, p.tags, p.status, p.published, p.gift_card, p.seo_title, p.seo_description,
        p.min_price_minor, p.revision, catalog.epoch_ms(p.created_at) AS created_ms,
        catalog.epoch_ms(p.updated_at) AS updated_ms, catalog.epoch_ms(p.deleted_at) AS deleted_ms
        """

    /// Selects the live products matching `clause` (which follows `WHERE`) with their children,
    /// in one statement, ordered by id.
    static func select(
        _ clause: String, _ parameters: [any PostgresEncodable], tenantID: UUID, on connection: PostgresConnection
    ) throws -> [Product] {
        try selectPage(clause, order: "p.id", parameters, tenantID: tenantID, on: connection)
    }

    static func product(_ row: PostgresRow) throws -> Product {
        Product(
            id: try row.uuid("id"), tenantID: try row.uuid("tenant_id"), handle: try row.string("handle"),
            title: try row.string("title"), bodyHTML: try row.string("body_html"), vendor: try row.string("vendor"),
            productType: try row.string("product_type"), productCategory: try row.string("product_category"),
            tags: try row.textElements("tags"), status: try enumeration(row, "status"),
            published: try row.bool("published"), giftCard: try row.bool("gift_card"),
            seoTitle: try row.string("seo_title"), seoDescription: try row.string("seo_description"),
            options: [], variants: [], images: [], revision: try row.int("revision"),
            createdAt: try row.milliseconds("created_ms"), updatedAt: try row.milliseconds("updated_ms"),
            deletedAt: try row.optionalMilliseconds("deleted_ms"))
    }

    static func option(_ row: PostgresRow) throws -> ProductOption {
        ProductOption(name: try row.string("name"), values: try row.textElements("option_values"))
    }

    static func variant(_ row: PostgresRow) throws -> Variant {
        let currency = try Currency(code: try row.string("currency"))
        let money = { (column: String) in
            try row.optionalInt64(column).map { Money(minorUnits: $0, currency: currency) }
        }
        return Variant(
            id: try row.uuid("id"), sku: try row.string("sku"), optionValues: try row.textElements("option_values"),
            price: Money(minorUnits: try row.int64("price_minor"), currency: currency),
            compareAtPrice: try money("compare_at_price_minor"), costPerItem: try money("cost_per_item_minor"),
            weight: Weight(milligrams: try row.int64("weight_milligrams"), unit: try enumeration(row, "weight_unit")),
            barcode: try row.string("barcode"), taxable: try row.bool("taxable"), taxCode: try row.string("tax_code"),
            requiresShipping: try row.bool("requires_shipping"), tracksInventory: try row.bool("tracks_inventory"),
            inventoryPolicy: try enumeration(row, "inventory_policy"), inventoryQuantity: try row.int("available"),
            position: try row.int("position"))
    }

    static func image(_ row: PostgresRow) throws -> ProductImage {
        ProductImage(
            id: try row.uuid("id"), src: try row.string("src"), position: try row.int("position"),
            alt: try row.string("alt"), variantIDs: try row.hexUUIDElements("variant_ids"))
    }

    /// Reads a text column holding the raw value of `Value`.
    static func enumeration<Value: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: try row.string(column)) else {
            throw PostgresError.decoding(column: column, expected: String(describing: Value.self))
        }
        return value
    }
}
