import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

extension PostgresInventoryRepository {
    /// Reads all requested variants with their stock and product facts in one statement, sent
    /// together with the transaction's COMMIT.
    public func saleVariants(_ variantIDs: [UUID], tenantID: UUID) throws -> [SaleVariant] {
        guard !variantIDs.isEmpty else { return [] }
        let rows = try database.withTenantTransaction(tenantID) { connection in
            try connection.commit(after: [
                PostgresStatement(
                    """
                    SELECT v.id, v.product_id, v.position, v.sku, v.option_values, v.currency, v.price_minor,
                        v.compare_at_price_minor, v.cost_per_item_minor, v.weight_milligrams, v.weight_unit,
                        v.barcode, v.taxable, v.tax_code, v.requires_shipping, v.tracks_inventory,
                        v.inventory_policy, l.available, p.title, p.handle, p.status, p.published
                    FROM catalog.variants v
                    JOIN catalog.products p ON p.id = v.product_id
                    JOIN catalog.inventory_levels l ON l.variant_id = v.id
                    WHERE v.tenant_id = $1 AND v.id = ANY($2::uuid[]) AND p.deleted_at IS NULL
                    ORDER BY v.id
                    """, [tenantID, PostgresArray(variantIDs)])
            ])[0].rows
        }
        return try rows.map(Self.saleVariant)
    }

    private static func saleVariant(_ row: PostgresRow) throws -> SaleVariant {
        let currency = try Currency(code: try row.string("currency"))
        let money = { (column: String) in
            try row.optionalInt64(column).map { Money(minorUnits: $0, currency: currency) }
        }
        let variant = Variant(
            id: try row.uuid("id"), sku: try row.string("sku"), optionValues: try row.textArray("option_values"),
            price: Money(minorUnits: try row.int64("price_minor"), currency: currency),
            compareAtPrice: try money("compare_at_price_minor"), costPerItem: try money("cost_per_item_minor"),
            weight: Weight(
                milligrams: try row.int64("weight_milligrams"),
                unit: try ProductRows.enumeration(row, "weight_unit")),
            barcode: try row.string("barcode"), taxable: try row.bool("taxable"), taxCode: try row.string("tax_code"),
            requiresShipping: try row.bool("requires_shipping"), tracksInventory: try row.bool("tracks_inventory"),
            inventoryPolicy: try ProductRows.enumeration(row, "inventory_policy"),
            inventoryQuantity: try row.int("available"), position: try row.int("position"))
        return SaleVariant(
            variant: variant, productID: try row.uuid("product_id"), productTitle: try row.string("title"),
            productHandle: try row.string("handle"), productStatus: try ProductRows.enumeration(row, "status"),
            published: try row.bool("published"))
    }
}
