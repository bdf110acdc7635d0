import CommonKernel
import FoundationEssentials

/// Exports a tenant's live products as a Shopify product CSV that `ImportShopifyCSV` reads back
/// into equal products, variants, prices, stock and images.
public struct ExportShopifyCSV: Sendable {
    let products: any ProductRepository

    public init(products: any ProductRepository) {
        self.products = products
    }

    /// Returns the CSV text of every live product matching `query`'s filters, ordered by title.
    ///
    /// The query's limit and cursor are ignored, because the export pages through the whole listing.
    public func execute(tenant: TenantRecord, query: ProductQuery = ProductQuery()) throws -> String {
        var writer = ShopifyProductWriter()
        var page = query
        page.sort = .title
        page.limit = ProductQuery.maximumLimit
        page.cursor = nil
        repeat {
            let result = try products.list(page, tenantID: tenant.id)
            result.products.forEach { writer.write($0) }
            page.cursor = result.nextCursor
        } while page.cursor != nil
        return writer.text
    }
}
