import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation

/// Reads products and their options, variants and images from rows, a page of products at a
/// time: one query per table, whatever the page size.
enum ProductRows {
    /// The product columns every read selects, with timestamps as epoch milliseconds.
    static let productColumns = """
        p.id, p.tenant_id, p.handle, p.title, p.sort_title, p.body_html, p.vendor, p.product_type,
        p.product_category, p.tags, p.status, p.published, p.gift_card, p.seo_title, p.seo_description,
        p.min_price_minor, p.revision, catalog.epoch_ms(p.created_at) AS created_ms,
        catalog.epoch_ms(p.updated_at) AS updated_ms, catalog.epoch_ms(p.deleted_at) AS deleted_ms
        """

    /// Selects the live products matching `clause` (which follows `WHERE`) with their children,
    /// in the order of the rows.
    static func select(
        _ clause: String, _ parameters: [any PostgresEncodable], tenantID: UUID, on connection: PostgresConnection
    ) throws -> [Product] {
        let rows = try connection.query(
            "SELECT \(productColumns) FROM catalog.products p WHERE \(clause)", parameters)
        return try assemble(rows.map(product), tenantID: tenantID, on: connection)
    }

    /// Fills in the options, variants and images of `products`.
    static func assemble(
        _ products: [Product], tenantID: UUID, on connection: PostgresConnection
    ) throws -> [Product] {
        guard !products.isEmpty else { return [] }
        let ids = UUIDArrayParameter(ids: products.map(\.id))
        let options = try children(
            "SELECT product_id, name, option_values FROM catalog.product_options", ids, tenantID, connection,
            decode: option)
        // The stock comes from a lookup by primary key per variant rather than a join, because
        // a join planned on stale statistics (right after a large import) scanned the whole
        // stock table once per variant.
        let variants = try children(
            """
            SELECT v.*, coalesce((SELECT l.available FROM catalog.inventory_levels l WHERE l.variant_id = v.id), 0)
                AS available
            FROM catalog.variants v
            """, ids, tenantID, connection, alias: "v", decode: variant)
        let images = try children(
            "SELECT product_id, id, position, src, alt, variant_ids FROM catalog.product_images", ids, tenantID,
            connection, decode: image)
        return products.map { product in
            var product = product
            product.options = options[product.id] ?? []
            product.variants = variants[product.id] ?? []
            product.images = images[product.id] ?? []
            return product
        }
    }

    /// Runs `select` for the products in `ids` ordered by position and groups the rows by product.
    private static func children<Child>(
        _ select: String, _ ids: UUIDArrayParameter, _ tenantID: UUID, _ connection: PostgresConnection,
        alias: String? = nil, decode: (PostgresRow) throws -> Child
    ) throws -> [UUID: [Child]] {
        let prefix = alias.map { "\($0)." } ?? ""
        let rows = try connection.query(
            """
            \(select) WHERE \(prefix)tenant_id = $1 AND \(prefix)product_id = ANY($2::uuid[])
            ORDER BY \(prefix)product_id, \(prefix)position
            """, [tenantID, ids])
        var grouped: [UUID: [Child]] = [:]
        for row in rows {
            grouped[try row.hexUUID("product_id"), default: []].append(try decode(row))
        }
        return grouped
    }

    static func product(_ row: PostgresRow) throws -> Product {
        Product(
            id: try row.hexUUID("id"), tenantID: try row.hexUUID("tenant_id"), handle: try row.string("handle"),
            title: try row.string("title"), bodyHTML: try row.string("body_html"), vendor: try row.string("vendor"),
            productType: try row.string("product_type"), productCategory: try row.string("product_category"),
            tags: try row.textElements("tags"), status: try enumeration(row, "status"),
            published: try row.bool("published"), giftCard: try row.bool("gift_card"),
            seoTitle: try row.string("seo_title"), seoDescription: try row.string("seo_description"),
            options: [], variants: [], images: [], revision: try row.int("revision"),
            createdAt: try row.milliseconds("created_ms"), updatedAt: try row.milliseconds("updated_ms"),
            deletedAt: try row.optionalMilliseconds("deleted_ms"))
    }

    private static func option(_ row: PostgresRow) throws -> ProductOption {
        ProductOption(name: try row.string("name"), values: try row.textElements("option_values"))
    }

    private static func variant(_ row: PostgresRow) throws -> Variant {
        let currency = try Currency(code: try row.string("currency"))
        let money = { (column: String) in
            try row.optionalInt64(column).map { Money(minorUnits: $0, currency: currency) }
        }
        return Variant(
            id: try row.hexUUID("id"), sku: try row.string("sku"), optionValues: try row.textElements("option_values"),
            price: Money(minorUnits: try row.int64("price_minor"), currency: currency),
            compareAtPrice: try money("compare_at_price_minor"), costPerItem: try money("cost_per_item_minor"),
            weight: Weight(milligrams: try row.int64("weight_milligrams"), unit: try enumeration(row, "weight_unit")),
            barcode: try row.string("barcode"), taxable: try row.bool("taxable"), taxCode: try row.string("tax_code"),
            requiresShipping: try row.bool("requires_shipping"), tracksInventory: try row.bool("tracks_inventory"),
            inventoryPolicy: try enumeration(row, "inventory_policy"), inventoryQuantity: try row.int("available"),
            position: try row.int("position"))
    }

    private static func image(_ row: PostgresRow) throws -> ProductImage {
        ProductImage(
            id: try row.hexUUID("id"), src: try row.string("src"), position: try row.int("position"),
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
