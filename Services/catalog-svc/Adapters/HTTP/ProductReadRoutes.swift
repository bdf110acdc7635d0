import CatalogCore
import CommonKernel
import FoundationEssentials

/// `GET /api/v1/products`, `/api/v1/products/{id}` and `/api/v1/products/by-handle/{handle}`.
///
/// Without a staff token only active, published products exist, and those responses come from
/// the public read cache when it has them. Otherwise they are made of the stored public
/// documents when `documents` is set and every product involved has one, and else, as staff
/// responses always are, built from the product rows. Staff responses are never cached.
struct ProductReadRoutes {
    let products: any ProductRepository
    let collections: any CollectionRepository
    let cache: PublicReadCache
    var documents: PublicProductDocuments?

    var list: ListProducts { ListProducts(products: products) }

    func install(into router: inout Router) {
        router.get("/api/v1/products") { request, context in
            let tenant = try context.tenant()
            let audience = try CatalogAccess.audience(context, tenant: tenant)
            let listing = try ProductListRequest(parameters: request.query, currency: try tenant.catalogCurrency())
            if listing.usesStaffFilters { try CatalogAccess.requireStaff(context, tenant: tenant) }
            let key = "list:" + ProductListRequest.canonicalText(request.query)
            return try cache.response(key, tenant: tenant, audience: audience) {
                try listPage(listing, tenant: tenant, audience: audience)
            }
        }
        router.get("/api/v1/products/{id}") { request, context in
            let tenant = try context.tenant()
            let audience = try CatalogAccess.audience(context, tenant: tenant)
            let id = try request.uuidParameter("id", resource: "Product")
            return try cache.response("product:\(id.lowercasedString)", tenant: tenant, audience: audience) {
                if audience == .publicReader, let documents,
                    let body = try storedProduct(
                        try documents.product(id: id, tenantID: tenant.id), name: id.lowercasedString,
                        missing: CatalogError.productNotFound(id))
                {
                    return body
                }
                return try visible(try list.product(id: id, tenant: tenant), audience, name: id.lowercasedString)
            }
        }
        router.get("/api/v1/products/by-handle/{handle}") { request, context in
            let tenant = try context.tenant()
            let audience = try CatalogAccess.audience(context, tenant: tenant)
            let handle = Handle.composed(try request.parameter("handle"))
            // Escaped, so that the key compares by bytes like PostgreSQL does, not as Swift strings.
            return try cache.response("handle:\(handle.percentEncodedQueryValue)", tenant: tenant, audience: audience) {
                if audience == .publicReader, let documents,
                    let body = try storedProduct(
                        try documents.product(handle: handle, tenantID: tenant.id), name: handle,
                        missing: AppError.notFound("Product '\(handle)'", code: "product.not_found"))
                {
                    return body
                }
                return try visible(try list.product(handle: handle, tenant: tenant), audience, name: handle)
            }
        }
    }

    private func listPage(_ listing: ProductListRequest, tenant: TenantRecord, audience: Audience) throws -> [UInt8] {
        var query = listing.query
        if let handle = listing.collectionHandle { query.collectionID = try collectionID(handle: handle, tenant: tenant) }
        if audience == .publicReader {
            query.status = .active
            query.published = true
        }
        if audience == .publicReader, let documents {
            try list.validate(query, tenant: tenant)
            if let body = try Self.storedListBody(query, tenantID: tenant.id, documents: documents) { return body }
        }
        let page = try list.execute(query, tenant: tenant)
        var writer = JSONWriter(capacity: 4096 * max(1, page.products.count))
        writer.object { json in
            json.key("data")
            json.array(page.products) { json, product in ProductJSON.write(product, for: audience, into: &json) }
            json.member("next_cursor", page.nextCursor)
        }
        return writer.bytes
    }

    /// Returns the list response made of stored documents, or nil when one of them has no body
    /// yet or does not match its stock flags.
    private static func storedListBody(
        _ query: ProductQuery, tenantID: UUID, documents: PublicProductDocuments
    ) throws -> [UInt8]? {
        // A page of 24 products with variants and images is about 60 KB.
        var writer = JSONWriter(capacity: 64 * 1024)
        var outcome = StoredPageOutcome.incomplete
        try writer.object { json in
            json.key("data")
            try json.array { json in
                outcome = try documents.page(query, tenantID: tenantID) { document in
                    var matched = false
                    json.rawElement { bytes in
                        matched = PublicProductDocument.splice(document.body, stockFlags: document.stockFlags, into: &bytes)
                    }
                    return matched
                }
            }
            if case .complete(let nextCursor) = outcome { json.member("next_cursor", nextCursor) }
        }
        return outcome == .incomplete ? nil : writer.bytes
    }

    /// Returns the body of a stored product document, or nil when the product has none yet (or
    /// it does not match its stock flags). Throws `missing` when no live product matched, and
    /// the same 404 as `visible` when the public may not see the product.
    private func storedProduct(_ lookup: ProductDocumentLookup, name: String, missing: AppError) throws -> [UInt8]? {
        switch lookup {
        case .found(let document):
            return PublicProductDocument.spliced(document.body, stockFlags: document.stockFlags)
        case .notFound:
            throw missing
        case .hidden:
            throw AppError.notFound("Product '\(name)'", code: "product.not_found")
        case .unrendered:
            return nil
        }
    }

    /// Returns the id of the collection or category with `handle`, collections first.
    private func collectionID(handle: String, tenant: TenantRecord) throws -> UUID {
        for kind in [Collection.Kind.collection, .category] {
            if let found = try collections.find(handle: handle, kind: kind, tenantID: tenant.id) { return found.id }
        }
        throw AppError.notFound("Collection '\(handle)'", code: "collection.not_found")
    }

    /// Encodes `product` when `audience` may see it, and otherwise throws the same 404 as for a
    /// product that does not exist, so drafts stay unknown to the public.
    private func visible(_ product: Product, _ audience: Audience, name: String) throws -> [UInt8] {
        guard CatalogAccess.canSee(product, audience) else {
            throw AppError.notFound("Product '\(name)'", code: "product.not_found")
        }
        var writer = JSONWriter(capacity: 4096)
        ProductJSON.write(product, for: audience, into: &writer)
        return writer.bytes
    }
}
