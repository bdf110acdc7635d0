import CatalogCore
import CommonAdapters
import FoundationEssentials

extension ProductRows {
    /// The columns of the one-statement read, in order, with the SQL types that the `NULL`s of
    /// the branches without that column are cast to. The names are those that `product`,
    /// `option`, `variant` and `image` decode.
    private static let pageColumns: [(name: String, type: String)] = [
        ("kind", "integer"), ("ordinal", "bigint"), ("id", "uuid"), ("product_id", "uuid"),
        ("tenant_id", "uuid"), ("handle", "text"), ("title", "text"), ("body_html", "text"), ("vendor", "text"),
        ("product_type", "text"), ("product_category", "text"), ("tags", "text[]"), ("status", "text"),
        ("published", "boolean"), ("gift_card", "boolean"), ("seo_title", "text"), ("seo_description", "text"),
        ("revision", "integer"), ("created_ms", "bigint"), ("updated_ms", "bigint"), ("deleted_ms", "bigint"),
        ("position", "integer"), ("name", "text"), ("option_values", "text[]"), ("sku", "text"),
        ("currency", "text"), ("price_minor", "bigint"), ("compare_at_price_minor", "bigint"),
        ("cost_per_item_minor", "bigint"), ("weight_milligrams", "bigint"), ("weight_unit", "text"),
        ("barcode", "text"), ("taxable", "boolean"), ("tax_code", "text"), ("requires_shipping", "boolean"),
        ("tracks_inventory", "boolean"), ("inventory_policy", "text"), ("available", "integer"), ("src", "text"),
        ("alt", "text"), ("variant_ids", "uuid[]"),
    ]

    private enum Kind: Int {
        case product = 0, option, variant, image
    }

    /// Returns one `SELECT` of the union, with the given expressions under their column names and
    /// a typed `NULL` for every other column, so that the union's columns line up.
    private static func branch(_ kind: Kind, _ expressions: [String: String], from source: String) -> String {
        let list = pageColumns.map { column -> String in
            if column.name == "kind" { return "\(kind.rawValue) AS kind" }
            return "\(expressions[column.name] ?? "NULL::\(column.type)") AS \(column.name)"
        }
        return "SELECT \(list.joined(separator: ", ")) FROM \(source)"
    }

    private static func sameNames(_ alias: String, _ names: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, "\(alias).\($0)") })
    }

    /// The union after the `page` CTE: the page's products, then their options, variants with
    /// stock and images, ordered by the products' order. It is split where the tenant's
    /// placeholder goes, because Foundation's `replacingOccurrences` on the whole text took a
    /// seventh of an uncached list request's time in perf profiles.
    private static let childrenUnionParts: [String] = {
        let productNames = [
            "id", "tenant_id", "handle", "title", "body_html", "vendor", "product_type", "product_category", "tags",
            "status", "published", "gift_card", "seo_title", "seo_description", "revision", "created_ms",
            "updated_ms", "deleted_ms", "ordinal",
        ]
        var product = sameNames("p", productNames)
        product["product_id"] = "p.id"
        var option = sameNames("o", ["product_id", "position", "name", "option_values"])
        option["ordinal"] = "p.ordinal"
        var variant = sameNames("v", [
            "id", "product_id", "position", "option_values", "sku", "price_minor", "compare_at_price_minor",
            "cost_per_item_minor", "weight_milligrams", "weight_unit", "barcode", "taxable", "tax_code",
            "requires_shipping", "tracks_inventory", "inventory_policy",
        ])
        variant["ordinal"] = "p.ordinal"
        variant["currency"] = "v.currency::text"
        // The stock comes from a lookup by primary key per variant rather than a join, because
        // a join planned on stale statistics (right after a large import) scanned the whole
        // stock table once per variant.
        variant["available"] =
            "coalesce((SELECT l.available FROM catalog.inventory_levels l WHERE l.variant_id = v.id), 0)"
        var image = sameNames("i", ["id", "product_id", "position", "src", "alt", "variant_ids"])
        image["ordinal"] = "p.ordinal"

        // Without the OFFSET 0 fence, PostgreSQL 15 flattens the lateral subquery and, on a shop
        // of 1,000 products, hash-joins a scan of all the shop's rows instead of looking up the
        // page's products by index.
        let children = { (table: String, alias: String) in
            "page p CROSS JOIN LATERAL (SELECT * FROM \(table) WHERE tenant_id = $TENANT AND product_id = p.id OFFSET 0) \(alias)"
        }
        let text = [
            branch(.product, product, from: "page p"),
            branch(.option, option, from: children("catalog.product_options", "o")),
            branch(.variant, variant, from: children("catalog.variants", "v")),
            branch(.image, image, from: children("catalog.product_images", "i")),
        ].joined(separator: "\nUNION ALL\n") + "\nORDER BY ordinal, kind, position"
        return text.components(separatedBy: "$TENANT")
    }()

    /// Selects the live products matching `clause` (which follows `WHERE` and may end with
    /// `ORDER BY … LIMIT …`) with their options, variants and images, in one statement.
    /// `order` must sort the selected products as `clause` does, because the result keeps it.
    static func selectPage(
        _ clause: String, order: String, _ parameters: [any PostgresEncodable], tenantID: UUID,
        on connection: PostgresConnection
    ) throws -> [Product] {
        let tenant = "$\(parameters.count + 1)"
        let sql = """
            WITH page AS MATERIALIZED (
                SELECT p.*, row_number() OVER (ORDER BY \(order)) AS ordinal
                FROM (SELECT \(productColumns), p.created_at FROM catalog.products p WHERE \(clause)) p
            )
            \(childrenUnionParts.joined(separator: tenant))
            """
        return try group(try connection.query(sql, parameters + [tenantID]))
    }

    /// Folds rows ordered by product, then kind, then position into products.
    private static func group(_ rows: [PostgresRow]) throws -> [Product] {
        var products: [Product] = []
        for row in rows {
            guard let kind = Kind(rawValue: try row.int("kind")) else {
                throw PostgresError.decoding(column: "kind", expected: "0 to 3")
            }
            if kind == .product {
                products.append(try product(row))
                continue
            }
            guard !products.isEmpty, try row.uuid("product_id") == products[products.count - 1].id else {
                throw PostgresError.decoding(column: "product_id", expected: "the id of the product before it")
            }
            switch kind {
            case .option: products[products.count - 1].options.append(try option(row))
            case .variant: products[products.count - 1].variants.append(try variant(row))
            case .image: products[products.count - 1].images.append(try image(row))
            case .product: break
            }
        }
        return products
    }
}
