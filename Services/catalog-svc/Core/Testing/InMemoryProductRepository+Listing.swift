import CommonKernel
import FoundationEssentials

extension InMemoryProductRepository {
    public func list(_ query: ProductQuery, tenantID: UUID) throws -> ProductPage {
        let scope = query.cursorScope(tenantID: tenantID)
        try query.validate(cursorScope: scope)
        let cursor = try query.cursor.map { try ProductCursor(encoded: $0, sort: query.sort, scope: scope) }

        return storage.state.withLock { state in
            let members = query.collectionID.flatMap { id in
                state.collections[id].flatMap { $0.tenantID == tenantID ? Set($0.productIDs) : nil } ?? []
            }
            let sort = query.sort
            var matching = state.liveProducts(tenantID: tenantID)
                .filter { Self.matches($0, query, members: members) }
                .map { (key: sort.key(of: $0), product: $0) }
                .sorted { sort.precedes($0.key, $0.product.id, $1.key, $1.product.id) }
            if let cursor {
                matching.removeAll { !sort.precedes(cursor.key, cursor.id, $0.key, $0.product.id) }
            }

            let page = Array(matching.prefix(query.limit)).map(\.product)
            let last = matching.count > query.limit ? page.last : nil
            let nextCursor = last.map { ProductCursor(after: $0, sort: sort).encoded(scope: scope) }
            return ProductPage(products: page, nextCursor: nextCursor)
        }
    }

    static func matches(_ product: Product, _ query: ProductQuery, members: Set<UUID>?) -> Bool {
        if let status = query.status, product.status != status { return false }
        if let published = query.published, product.published != published { return false }
        if let members, !members.contains(product.id) { return false }
        if let tag = query.tag?.lowercased(), !product.tags.contains(where: { $0.lowercased() == tag }) { return false }
        if let vendor = query.vendor?.lowercased(), product.vendor.lowercased() != vendor { return false }
        if let type = query.productType?.lowercased(), product.productType.lowercased() != type { return false }
        if let inStock = query.inStock, product.isInStock != inStock { return false }
        if !matchesPrice(product, query) { return false }
        if let search = query.search?.lowercased(), !search.isEmpty {
            let texts = [product.title, product.vendor] + product.tags + product.variants.map(\.sku)
            if !texts.contains(where: { $0.lowercased().containsBytes(of: search) }) { return false }
        }
        return true
    }

    private static func matchesPrice(_ product: Product, _ query: ProductQuery) -> Bool {
        guard query.minimumPrice != nil || query.maximumPrice != nil else { return true }
        guard let price = product.lowestPrice else { return false }
        if let minimum = query.minimumPrice, (try? price.isLess(than: minimum)) != false { return false }
        if let maximum = query.maximumPrice, (try? maximum.isLess(than: price)) != false { return false }
        return true
    }
}
