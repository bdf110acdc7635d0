import CommonKernel
import FoundationEssentials

/// Lists a tenant's products page by page, and finds single products.
public struct ListProducts: Sendable {
    let products: any ProductRepository

    public init(products: any ProductRepository) {
        self.products = products
    }

    /// Returns one page of products matching `query`.
    ///
    /// Throws `invalidInput` for a bad limit or cursor, inverted price bounds, or price bounds
    /// in a currency other than the tenant's.
    public func execute(_ query: ProductQuery, tenant: TenantRecord) throws -> ProductPage {
        try validate(query, tenant: tenant)
        return try products.list(query, tenantID: tenant.id)
    }

    /// Throws what `execute` throws for `query` before it reads anything, for readers that
    /// serve the page another way.
    public func validate(_ query: ProductQuery, tenant: TenantRecord) throws {
        let currency = try Currency(code: tenant.currency)
        for case (let field, let price?) in [("min_price", query.minimumPrice), ("max_price", query.maximumPrice)]
        where price.currency != currency {
            throw AppError.invalidField(
                field, "must be in the shop's currency \(currency.code), not \(price.currency.code)",
                code: "wrong_currency")
        }
        try query.validate(tenantID: tenant.id)
    }

    /// Returns the live product with `id`, or throws `CatalogError.productNotFound`.
    public func product(id: UUID, tenant: TenantRecord) throws -> Product {
        guard let product = try products.find(id: id, tenantID: tenant.id) else {
            throw CatalogError.productNotFound(id)
        }
        return product
    }

    /// Returns the live product with `handle`, or throws `notFound` with code `product.not_found`.
    public func product(handle: String, tenant: TenantRecord) throws -> Product {
        guard let product = try products.find(handle: handle, tenantID: tenant.id) else {
            throw AppError.notFound("Product '\(handle)'", code: "product.not_found")
        }
        return product
    }
}
