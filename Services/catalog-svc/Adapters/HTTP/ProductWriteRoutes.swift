import CatalogCore
import CommonKernel
import FoundationEssentials

/// Staff writes of products: `POST /api/v1/products`, `PATCH` and `DELETE /api/v1/products/{id}`,
/// and `GET /api/v1/products/export` (Shopify CSV).
struct ProductWriteRoutes {
    let products: any ProductRepository

    func install(into router: inout Router) {
        router.post("/api/v1/products") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            let draft = try ProductInput(currency: try tenant.catalogCurrency()).draftForCreate(request.body)
            let change = try CreateProduct(products: products).execute(draft, tenant: tenant)
            context.logger.info("product created", ["product.id": change.product.id.lowercasedString])
            return .created(Self.body(change), location: "/api/v1/products/\(change.product.id.lowercasedString)")
        }
        router.patch("/api/v1/products/{id}") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            let id = try request.uuidParameter("id", resource: "Product")
            return .jsonBytes(Self.body(try patch(id, body: request.body, tenant: tenant, context: context)))
        }
        router.delete("/api/v1/products/{id}") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            let id = try request.uuidParameter("id", resource: "Product")
            try DeleteProduct(products: products).execute(id: id, tenant: tenant)
            context.logger.info("product deleted", ["product.id": id.lowercasedString])
            return .noContent()
        }
        router.get("/api/v1/products/export") { _, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            var response = HTTPResponse.text(
                try ExportShopifyCSV(products: products).execute(tenant: tenant),
                contentType: "text/csv; charset=utf-8")
            response.headers["Content-Disposition"] = "attachment; filename=\"products_export.csv\""
            return response
        }
    }

    /// The maximum number of times a patch without a revision is applied to a newer state of the
    /// product. Each conflict means that another edit was stored in between, so a patch fails
    /// only when more edits than this land while it is being applied.
    static let patchAttempts = 32

    /// Applies the fields of `body` to the stored product. Without a revision in the body, the
    /// revision read here still guards the write against an edit that lands in between. Such an
    /// edit is not the client's conflict, so the fields are applied again to the newer state of
    /// the product, and neither edit is lost.
    private func patch(_ id: UUID, body: [UInt8], tenant: TenantRecord, context: RequestContext) throws -> ProductChange {
        let input = ProductInput(currency: try tenant.catalogCurrency())
        var attempt = 1
        while true {
            let existing = try ListProducts(products: products).product(id: id, tenant: tenant)
            let edit = try input.draftForUpdate(body, existing: existing)
            do {
                return try UpdateProduct(products: products).execute(
                    id: existing.id, draft: edit.draft, expectedRevision: edit.revision ?? existing.revision,
                    tenant: tenant)
            } catch let error as AppError
                where edit.revision == nil && error.code == "product.revision_conflict" && attempt < Self.patchAttempts
            {
                context.logger.info(
                    "product changed during a patch without revision, applying it again",
                    ["product.id": id.lowercasedString, "attempt": String(attempt)])
                attempt += 1
            }
        }
    }

    /// Returns the stored product as staff see it, with the validation warnings of the change.
    static func body(_ change: ProductChange) -> [UInt8] {
        var writer = JSONWriter(capacity: 4096)
        ProductJSON.write(change.product, for: .staff, warnings: change.warnings, into: &writer)
        return writer.bytes
    }
}
