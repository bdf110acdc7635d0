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
            let existing = try ListProducts(products: products).product(
                id: try request.uuidParameter("id", resource: "Product"), tenant: tenant)
            let input = try ProductInput(currency: try tenant.catalogCurrency())
                .draftForUpdate(request.body, existing: existing)
            // Without a revision from the client, the one read above still guards against an
            // edit that lands between that read and this write.
            let change = try UpdateProduct(products: products).execute(
                id: existing.id, draft: input.draft, expectedRevision: input.revision ?? existing.revision,
                tenant: tenant)
            return .jsonBytes(Self.body(change))
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

    /// Returns the stored product as staff see it, with the validation warnings of the change.
    static func body(_ change: ProductChange) -> [UInt8] {
        var writer = JSONWriter(capacity: 4096)
        ProductJSON.write(change.product, for: .staff, warnings: change.warnings, into: &writer)
        return writer.bytes
    }
}
