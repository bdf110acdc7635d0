import CatalogCore
import CommonAdapters
import FoundationEssentials

/// Writes `catalog.product_documents`, the stored public JSON of products, inside the
/// transactions that change the products.
enum ProductDocumentRows {
    /// Renders `product`, as read back in this transaction, and stores its document with the
    /// stock flags of its variants as this transaction reads them, and the listing values of
    /// its row (`ProductListingSource`).
    ///
    /// The row is locked first, so the stock trigger of a concurrent change that crosses zero
    /// waits for this transaction and then reads the flags again. A change that committed before
    /// the lock is visible to the statement that computes the flags here.
    static func store(_ product: Product, on connection: PostgresConnection) throws {
        let document = PublicProductDocument(product)
        try connection.query(
            "SELECT 1 FROM catalog.product_documents WHERE product_id = $1 AND tenant_id = $2 FOR UPDATE",
            [product.id, product.tenantID])
        let stored = try connection.execute(
            """
            INSERT INTO catalog.product_documents
                (product_id, tenant_id, body, stock_variant_ids, stock_flags, listed, created_at, min_price_minor, sort_title)
            SELECT p.id, p.tenant_id, $3, $4::uuid[], coalesce((
                       SELECT string_agg(CASE WHEN l.available > 0 THEN '1' ELSE '0' END, '' ORDER BY s.ordinal)
                       FROM unnest($4::uuid[]) WITH ORDINALITY AS s (variant_id, ordinal)
                       LEFT JOIN catalog.inventory_levels l ON l.variant_id = s.variant_id), ''),
                   p.status = 'active' AND p.published, p.created_at, p.min_price_minor, p.sort_title
            FROM catalog.products p WHERE p.id = $1 AND p.tenant_id = $2 AND p.deleted_at IS NULL
            ON CONFLICT (product_id) DO UPDATE SET
                body = EXCLUDED.body, stock_variant_ids = EXCLUDED.stock_variant_ids,
                stock_flags = EXCLUDED.stock_flags, listed = EXCLUDED.listed, created_at = EXCLUDED.created_at,
                min_price_minor = EXCLUDED.min_price_minor, sort_title = EXCLUDED.sort_title
            """,
            [product.id, product.tenantID, document.body, PostgresArray(document.stockVariantIDs)])
        guard stored == 1 else { throw CatalogError.productNotFound(product.id) }
    }

    /// Re-reads the live product with `id` and stores its document.
    static func store(productID id: UUID, tenantID: UUID, on connection: PostgresConnection) throws {
        let products = try ProductRows.select(
            "p.id = $1 AND p.tenant_id = $2 AND p.deleted_at IS NULL", [id, tenantID], tenantID: tenantID,
            on: connection)
        for product in products { try store(product, on: connection) }
    }

    /// Removes the document of a product that is deleted, which no public read returns.
    static func remove(productID id: UUID, tenantID: UUID, on connection: PostgresConnection) throws {
        try connection.execute(
            "DELETE FROM catalog.product_documents WHERE product_id = $1 AND tenant_id = $2", [id, tenantID])
    }
}
