import CommonKernel
import FoundationEssentials

/// Soft-deletes a product, which hides it and frees its handle and its place in the plan limit.
public struct DeleteProduct: Sendable {
    let products: any ProductRepository
    let clock: @Sendable () -> Date

    public init(products: any ProductRepository, clock: @escaping @Sendable () -> Date = catalogClock) {
        self.products = products
        self.clock = clock
    }

    /// Marks the product deleted and records `product.deleted`; throws `CatalogError.productNotFound`.
    public func execute(id: UUID, tenant: TenantRecord) throws {
        guard let product = try products.find(id: id, tenantID: tenant.id) else {
            throw CatalogError.productNotFound(id)
        }
        let now = clock()
        try products.softDelete(id: id, tenantID: tenant.id, at: now, event: .product("deleted", product, at: now))
    }
}
