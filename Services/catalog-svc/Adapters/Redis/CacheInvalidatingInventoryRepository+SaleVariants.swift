import CatalogCore
import FoundationEssentials

extension CacheInvalidatingInventoryRepository {
    /// Reads through to the inner repository, because a read changes nothing to invalidate.
    func saleVariants(_ variantIDs: [UUID], tenantID: UUID) throws -> [SaleVariant] {
        try inner.saleVariants(variantIDs, tenantID: tenantID)
    }
}
