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

    /// The maximum number of stores tried for a product whose derived handle another create took
    /// first. Each such conflict means that another product was stored, so with up to this many
    /// creates of one title at once, every one is stored.
    static let derivedHandleAttempts = 16

    /// Validates and stores the product, recording `product.created`.
    ///
    /// A draft without a handle gets one derived from its title. When a live product of the shop
    /// has that handle, the product gets the first free one of `handle-1`, `handle-2` and so on,
    /// also when another create takes it at the same moment. A handle that the draft names is
    /// kept as it is.
    ///
    /// Throws `invalidInput` listing every field error, `currency.unknown` for a tenant with an
    /// unsupported currency, `CatalogError.handleTaken`, and `CatalogError.productLimitReached`
    /// (payment required, code `plan.product_limit_reached`, extension `limit`) when the tenant
    /// already has `plan.maxProducts` products.
    public func execute(_ draft: ProductDraft, tenant: TenantRecord) throws -> ProductChange {
        let currency = try Currency(code: tenant.currency)
        var attempt = 1
        while true {
            do {
                return try create(draft, currency: currency, tenant: tenant)
            } catch let error as AppError
                where draft.derivesHandle && error.code == "product.handle_taken" && attempt < Self.derivedHandleAttempts
            {
                attempt += 1
            }
        }
    }

    private func create(_ draft: ProductDraft, currency: Currency, tenant: TenantRecord) throws -> ProductChange {
        let now = clock()
        var product = draft.makeProduct(tenantID: tenant.id, currency: currency, existing: nil, now: now)
        if draft.derivesHandle {
            product.handle = try products.freeHandle(startingWith: product.handle, tenantID: tenant.id)
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
}
