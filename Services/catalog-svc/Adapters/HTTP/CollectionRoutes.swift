import CatalogCore
import CommonKernel
import FoundationEssentials

/// `/api/v1/collections` and `/api/v1/categories`, the same resource for the two kinds of
/// product groups: anyone lists and reads them, staff create, edit and delete them.
///
/// A group's products are its `product_ids` in display order; list the products of a group
/// with `GET /api/v1/products?collection={id or handle}`.
struct CollectionRoutes {
    let kind: Collection.Kind
    let collections: any CollectionRepository
    let products: any ProductRepository
    let clock: @Sendable () -> Date

    var basePath: String { kind == .category ? "/api/v1/categories" : "/api/v1/collections" }

    func install(into router: inout Router) {
        router.get(basePath) { _, context in
            let tenant = try context.tenant()
            let audience = try CatalogAccess.audience(context, tenant: tenant)
            let groups = try collections.list(kind: kind, tenantID: tenant.id)
                .map { try shown($0, to: audience, tenant: tenant) }
            return try .json(CollectionListBody(data: groups.map(CollectionBody.init)))
        }
        router.get("\(basePath)/{id}") { request, context in
            let tenant = try context.tenant()
            let audience = try CatalogAccess.audience(context, tenant: tenant)
            let group = try find(try request.parameter("id"), tenant: tenant)
            return try .json(CollectionBody(try shown(group, to: audience, tenant: tenant)))
        }
        router.post(basePath) { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            let now = clock()
            var group = Collection(tenantID: tenant.id, kind: kind, handle: "", title: "", createdAt: now, updatedAt: now)
            try CollectionInput(products: products, tenant: tenant).apply(request.body, to: &group, isCreate: true)
            try collections.create(group, tenantID: tenant.id)
            return try Self.created(group, path: basePath)
        }
        router.patch("\(basePath)/{id}") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            var group = try find(try request.parameter("id"), tenant: tenant)
            try CollectionInput(products: products, tenant: tenant).apply(request.body, to: &group, isCreate: false)
            group.updatedAt = clock()
            try collections.update(group, tenantID: tenant.id)
            return try .json(CollectionBody(group))
        }
        router.delete("\(basePath)/{id}") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            try collections.delete(id: try find(try request.parameter("id"), tenant: tenant).id, tenantID: tenant.id)
            return .noContent()
        }
    }

    /// Returns `group` as `audience` may see it: for the public, without the products that are
    /// drafts, archived or unpublished, whose ids staff alone may know.
    private func shown(_ group: Collection, to audience: Audience, tenant: TenantRecord) throws -> Collection {
        guard audience == .publicReader, !group.productIDs.isEmpty else { return group }
        var visible = Set<UUID>()
        var query = ProductQuery(
            limit: ProductQuery.maximumLimit, status: .active, collectionID: group.id, published: true)
        repeat {
            let page = try products.list(query, tenantID: tenant.id)
            visible.formUnion(page.products.map(\.id))
            query.cursor = page.nextCursor
        } while query.cursor != nil
        var shown = group
        shown.productIDs = group.productIDs.filter { visible.contains($0) }
        return shown
    }

    /// Finds a group of this kind by id or by handle; throws 404 otherwise.
    private func find(_ idOrHandle: String, tenant: TenantRecord) throws -> Collection {
        let found =
            try UUID(uuidString: idOrHandle).flatMap { try collections.find(id: $0, tenantID: tenant.id) }
            ?? collections.find(handle: Handle.composed(idOrHandle), kind: kind, tenantID: tenant.id)
        guard let found, found.kind == kind else {
            throw AppError.notFound("\(kind.rawValue.capitalized) '\(idOrHandle)'", code: "collection.not_found")
        }
        return found
    }

    private static func created(_ group: Collection, path: String) throws -> HTTPResponse {
        var response = try HTTPResponse.json(CollectionBody(group), status: 201)
        response.headers["Location"] = "\(path)/\(group.id.lowercasedString)"
        return response
    }
}

/// A collection or category as the API shows it, with ids in lower case like every catalog response.
struct CollectionBody: Encodable {
    var id: String
    var kind: String
    var handle: String
    var title: String
    var bodyHtml: String
    var productIds: [String]
    var productsCount: Int
    var createdAt: Date
    var updatedAt: Date

    init(_ group: Collection) {
        id = group.id.lowercasedString
        kind = group.kind.rawValue
        handle = group.handle
        title = group.title
        bodyHtml = group.bodyHTML
        productIds = group.productIDs.map(\.lowercasedString)
        productsCount = group.productIDs.count
        createdAt = group.createdAt
        updatedAt = group.updatedAt
    }
}

struct CollectionListBody: Encodable {
    var data: [CollectionBody]
}
