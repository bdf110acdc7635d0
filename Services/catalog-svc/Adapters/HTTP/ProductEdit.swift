import CatalogCore
import CommonKernel
import Foundation

/// A staff edit of the product named by a request's `{id}`: the product as read, and a save of
/// a changed draft that fails with 409 if someone else saved the product in between.
struct ProductEdit {
    let product: Product
    let tenant: TenantRecord
    let currency: Currency
    let products: any ProductRepository

    /// The draft of the product as read, to change and pass to `save`.
    var draft: ProductDraft { ProductDraft(product) }

    /// Checks that the caller is staff and reads the product; throws 404 when it does not exist.
    static func start(
        _ request: HTTPRequest, _ context: RequestContext, products: any ProductRepository
    ) throws -> ProductEdit {
        let tenant = try context.tenant()
        try CatalogAccess.requireStaff(context, tenant: tenant)
        let product = try ListProducts(products: products).product(
            id: try request.uuidParameter("id", resource: "Product"), tenant: tenant)
        return ProductEdit(product: product, tenant: tenant, currency: try tenant.catalogCurrency(), products: products)
    }

    /// Reads the product for any caller, as 404 when the caller may not see it.
    static func read(
        _ request: HTTPRequest, _ context: RequestContext, products: any ProductRepository
    ) throws -> (Product, Audience) {
        let tenant = try context.tenant()
        let audience = try CatalogAccess.audience(context, tenant: tenant)
        let id = try request.uuidParameter("id", resource: "Product")
        let product = try ListProducts(products: products).product(id: id, tenant: tenant)
        guard CatalogAccess.canSee(product, audience) else { throw CatalogError.productNotFound(id) }
        return (product, audience)
    }

    /// Validates and stores `draft` as the product's new state and returns what was stored.
    func save(_ draft: ProductDraft) throws -> Product {
        try UpdateProduct(products: products).execute(
            id: product.id, draft: draft, expectedRevision: product.revision, tenant: tenant
        ).product
    }
}
