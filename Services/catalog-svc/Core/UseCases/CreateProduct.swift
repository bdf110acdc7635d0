import CommonKernel
import FoundationEssentials

/// Creates a product from a draft within the tenant's plan limit.
public struct CreateProduct: Sendable {
    let products: any ProductRepository
    let clock: @Sendable () -> Date

    public init(products: any ProductRepository, clock: @escaping @Sendable () -> Date = catalogClock) {
        self.products = products
        self.clock = clock
    }

    /// Validates and stores the product, recording `product.created`.
    ///
    /// Throws `invalidInput` listing every field error, `currency.unknown` for a tenant with an
    /// unsupported currency, `CatalogError.handleTaken`, and `CatalogError.productLimitReached`
    /// (payment required, code `plan.product_limit_reached`, extension `limit`) when the tenant
    /// already has `plan.maxProducts` products.
    public func execute(_ draft: ProductDraft, tenant: TenantRecord) throws -> ProductChange {
        let currency = try Currency(code: tenant.currency)
        let now = clock()
        let product = draft.makeProduct(tenantID: tenant.id, currency: currency, existing: nil, now: now)
        let report = try ProductValidator(currency: currency).validate(product, againstCatalog: products)
        try report.throwIfInvalid()

        if let limit = tenant.plan.maxProducts, try products.count(tenantID: tenant.id) >= limit {
            throw CatalogError.productLimitReached(limit: limit)
        }
        let event = CatalogEvent.product("created", product, at: now)
        try products.create(product, tenantID: tenant.id, productLimit: tenant.plan.maxProducts, event: event)
        return ProductChange(product: product, warnings: report.warnings)
    }
}
