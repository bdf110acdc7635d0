import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

extension ProductRows {
    /// Inserts the product's own row, computing the columns that listings sort and search by.
    static func insert(_ product: Product, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO catalog.products (
                id, tenant_id, handle, title, sort_title, body_html, vendor, product_type, product_category,
                tags, status, published, gift_card, seo_title, seo_description, min_price_minor, sku_text,
                revision, created_at, updated_at, deleted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12, $13, $14, $15, $16, $17, $18,
                    $19, $20, $21)
            """,
            [product.id, product.tenantID] + fields(of: product) + [
                product.revision, product.createdAt.truncatedToMilliseconds,
                product.updatedAt.truncatedToMilliseconds, product.deletedAt?.truncatedToMilliseconds,
            ])
    }

    /// Overwrites the product's own row with `product`'s fields and `revision`; the creation
    /// time stays as stored.
    static func update(_ product: Product, revision: Int, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            UPDATE catalog.products SET
                handle = $3, title = $4, sort_title = $5, body_html = $6, vendor = $7, product_type = $8,
                product_category = $9, tags = $10::text[], status = $11, published = $12, gift_card = $13,
                seo_title = $14, seo_description = $15, min_price_minor = $16, sku_text = $17,
                revision = $18, updated_at = $19
            WHERE id = $1 AND tenant_id = $2
            """,
            [product.id, product.tenantID] + fields(of: product) + [
                revision, product.updatedAt.truncatedToMilliseconds,
            ])
    }

    /// Returns the values of columns 3 to 17 of `insert` and `update`, from `handle` to `sku_text`.
    ///
    /// `sort_title` is lower-cased here rather than with SQL's `lower()`, so that the database
    /// orders titles by the same key that `ProductSort.title` puts into cursors.
    private static func fields(of product: Product) -> [any PostgresEncodable] {
        [
            product.handle, product.title, product.title.lowercased(), product.bodyHTML,
            product.vendor, product.productType, product.productCategory, PostgresArray(product.tags),
            product.status.rawValue, product.published, product.giftCard, product.seoTitle,
            product.seoDescription, product.lowestPrice?.minorUnits ?? 0,
            product.variants.map(\.sku).filter { !$0.isEmpty }.joined(separator: " "),
        ]
    }

    /// Replaces the product's options, variants and images with `product`'s.
    ///
    /// Variants keep their rows by id. New variants get a stock row with their `inventoryQuantity`,
    /// while the stock of variants that already exist is left alone.
    static func replaceChildren(_ product: Product, on connection: PostgresConnection) throws {
        let ids: [any PostgresEncodable] = [product.tenantID, product.id]
        try connection.execute("DELETE FROM catalog.product_options WHERE tenant_id = $1 AND product_id = $2", ids)
        try connection.execute("DELETE FROM catalog.product_images WHERE tenant_id = $1 AND product_id = $2", ids)
        try connection.execute(
            "DELETE FROM catalog.variants WHERE tenant_id = $1 AND product_id = $2 AND NOT (id = ANY($3::uuid[]))",
            ids + [PostgresArray(product.variants.map(\.id))])

        try connection.insertRows(
            into: "catalog.product_options", columns: ["tenant_id", "product_id", "position", "name", "option_values"],
            rows: product.options.enumerated().map { index, option in
                [product.tenantID, product.id, index + 1, option.name, PostgresArray(option.values)]
            })
        try insertVariants(product, on: connection)
        try connection.insertRows(
            into: "catalog.product_images",
            columns: ["id", "tenant_id", "product_id", "position", "src", "alt", "variant_ids"],
            rows: product.images.map { image in
                [image.id, product.tenantID, product.id, image.position, image.src, image.alt,
                 PostgresArray(image.variantIDs)]
            })
    }

    private static let variantColumns = [
        "id", "tenant_id", "product_id", "position", "sku", "option_values", "currency", "price_minor",
        "compare_at_price_minor", "cost_per_item_minor", "weight_milligrams", "weight_unit", "barcode", "taxable",
        "tax_code", "requires_shipping", "tracks_inventory", "inventory_policy",
    ]

    private static func insertVariants(_ product: Product, on connection: PostgresConnection) throws {
        let updates = variantColumns.dropFirst(3).map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        try connection.insertRows(
            into: "catalog.variants", columns: variantColumns,
            rows: product.variants.map { variant in
                [
                    variant.id, product.tenantID, product.id, variant.position, variant.sku,
                    PostgresArray(variant.optionValues), variant.price.currency.code, variant.price.minorUnits,
                    variant.compareAtPrice?.minorUnits, variant.costPerItem?.minorUnits, variant.weight.milligrams,
                    variant.weight.unit.rawValue, variant.barcode, variant.taxable, variant.taxCode,
                    variant.requiresShipping, variant.tracksInventory, variant.inventoryPolicy.rawValue,
                ]
            },
            // A variant id of another product is left alone rather than moved to this one.
            conflictClause: "ON CONFLICT (id) DO UPDATE SET \(updates) WHERE catalog.variants.product_id = EXCLUDED.product_id")
        try connection.insertRows(
            into: "catalog.inventory_levels", columns: ["variant_id", "tenant_id", "available", "updated_at"],
            rows: product.variants.map { [$0.id, product.tenantID, $0.inventoryQuantity, product.updatedAt] },
            conflictClause: "ON CONFLICT (variant_id) DO NOTHING")
    }
}
