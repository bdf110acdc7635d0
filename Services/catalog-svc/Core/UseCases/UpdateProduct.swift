import CommonKernel
import FoundationEssentials

/// Replaces a product's fields, variants and images with a draft's.
public struct UpdateProduct: Sendable {
    let products: any ProductRepository
    let clock: @Sendable () -> Date

    public init(products: any ProductRepository, clock: @escaping @Sendable () -> Date = catalogClock) {
        self.products = products
        self.clock = clock
    }

    /// Validates and stores the new state, recording `product.updated`.
    ///
    /// Variants and images absent from the draft are removed. With `expectedRevision`, the
    /// update fails with `CatalogError.revisionConflict` when the product changed since that
    /// revision; without it, the last writer wins. Stock of existing variants is not changed. An
    /// empty handle is derived from the title and numbered as on create when another product
    /// has it.
    /// Throws `CatalogError.productNotFound`, `invalidInput` and `CatalogError.handleTaken`.
    public func execute(
        id: UUID, draft: ProductDraft, expectedRevision: Int? = nil, tenant: TenantRecord
    ) throws -> ProductChange {
        let currency = try Currency(code: tenant.currency)
        guard let existing = try products.find(id: id, tenantID: tenant.id) else {
            throw CatalogError.productNotFound(id)
        }

        let now = clock()
        var product = draft.makeProduct(tenantID: tenant.id, currency: currency, existing: existing, now: now)
        product.revision = expectedRevision ?? existing.revision
        if draft.derivesHandle {
            product.handle = try products.freeHandle(startingWith: product.handle, tenantID: tenant.id, except: id)
        }
        let report = try ProductValidator(currency: currency).validate(product, againstCatalog: products)
        try report.throwIfInvalid()

        var announced = product
        announced.revision += 1
        let stored = try products.update(product, tenantID: tenant.id, event: .product("updated", announced, at: now))
        return ProductChange(product: stored, warnings: report.warnings)
    }
}
