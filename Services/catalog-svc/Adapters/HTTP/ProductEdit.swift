import CatalogCore
import CommonKernel
import FoundationEssentials

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

    /// Saves `draft` for a sub-route whose body is the one element of the product at `body`,
    /// such as `images[2]`, and names the validator's field errors about it as the body's own
    /// fields: `src` in place of `images[2].src`, and `wholeBodyField` for the element itself.
    ///
    /// `equivalents` are other elements that the validator may blame for a clash with the
    /// body, such as an image with the same `src`. Their errors are named like the body's, and
    /// their messages refer to them where they referred to the body.
    func save(_ draft: ProductDraft, body: String, equivalents: [String] = [], wholeBodyField: String) throws
        -> Product
    {
        do {
            return try save(draft)
        } catch let error as AppError where error.code == "request.invalid_fields" {
            throw AppError.invalid(error.fieldErrors.map { fieldError in
                Self.renamed(fieldError, body: body, equivalents: equivalents, wholeBodyField: wholeBodyField)
            })
        }
    }

    private static func renamed(
        _ fieldError: FieldError, body: String, equivalents: [String], wholeBodyField: String
    ) -> FieldError {
        for element in [body] + equivalents {
            guard fieldError.field == element || fieldError.field.hasPrefix(element + ".") else { continue }
            var renamed = fieldError
            if fieldError.field == element {
                renamed.field = wholeBodyField
            } else {
                renamed.field = String(fieldError.field.dropFirst(element.count + 1))
            }
            if element != body {
                renamed.message = fieldError.message.replacingAll(body, with: element)
            }
            return renamed
        }
        return fieldError
    }
}
