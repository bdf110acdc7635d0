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

    /// The maximum number of numbered handles tried for a title whose handle is taken.
    static let numberedHandles = 99

    /// Validates and stores the product, recording `product.created`.
    ///
    /// A draft without a handle gets one derived from its title. When a live product of the shop
    /// has that handle, the product gets the first free one of `handle-1`, `handle-2` and so on.
    /// A handle that the draft names is kept as it is.
    ///
    /// Throws `invalidInput` listing every field error, `currency.unknown` for a tenant with an
    /// unsupported currency, `CatalogError.handleTaken`, and `CatalogError.productLimitReached`
    /// (payment required, code `plan.product_limit_reached`, extension `limit`) when the tenant
    /// already has `plan.maxProducts` products.
    public func execute(_ draft: ProductDraft, tenant: TenantRecord) throws -> ProductChange {
        let currency = try Currency(code: tenant.currency)
        let now = clock()
        var product = draft.makeProduct(tenantID: tenant.id, currency: currency, existing: nil, now: now)
        if draft.handle.trimmingWhitespaceAndNewlines().isEmpty, !product.handle.isEmpty {
            product.handle = try freeHandle(startingWith: product.handle, tenantID: tenant.id)
        }
        let report = try ProductValidator(currency: currency).validate(product, againstCatalog: products)
        try report.throwIfInvalid()

        if let limit = tenant.plan.maxProducts, try products.count(tenantID: tenant.id) >= limit {
            throw CatalogError.productLimitReached(limit: limit)
        }
        let event = CatalogEvent.product("created", product, at: now)
        try products.create(product, tenantID: tenant.id, productLimit: tenant.plan.maxProducts, event: event)
        return ProductChange(product: product, warnings: report.warnings)
    }

    /// Returns `handle` when no live product of the shop has it, else the first free numbered
    /// one. After `numberedHandles` taken ones it returns `handle`, which validation then rejects
    /// as taken.
    private func freeHandle(startingWith handle: String, tenantID: UUID) throws -> String {
        guard try products.find(handle: handle, tenantID: tenantID) != nil else { return handle }
        for number in 1...Self.numberedHandles {
            let numbered = "\(handle)-\(number)"
            if try products.find(handle: numbered, tenantID: tenantID) == nil { return numbered }
        }
        return handle
    }
}
