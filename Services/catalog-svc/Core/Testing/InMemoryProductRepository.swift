import CommonKernel
import FoundationEssentials

/// A `ProductRepository` kept in memory, for tests and local runs; safe to share between threads.
public struct InMemoryProductRepository: ProductRepository {
    let storage: InMemoryCatalogStorage

    public init(storage: InMemoryCatalogStorage) {
        self.storage = storage
    }

    public func create(_ product: Product, tenantID: UUID, productLimit: Int?, event: CatalogEvent) throws {
        guard product.tenantID == tenantID, event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try storage.state.withLock { state in
            let live = state.liveProducts(tenantID: tenantID)
            if live.contains(where: { $0.handle == product.handle }) { throw CatalogError.handleTaken(product.handle) }
            if let productLimit, live.count >= productLimit {
                throw CatalogError.productLimitReached(limit: productLimit)
            }
            if state.products[product.id] != nil {
                throw AppError(.conflict, code: "product.exists", detail: "A product with this id already exists.")
            }
            state.products[product.id] = product
            state.events.append(event)
        }
    }

    public func update(_ product: Product, tenantID: UUID, event: CatalogEvent) throws -> Product {
        guard product.tenantID == tenantID, event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        return try storage.state.withLock { state in
            guard let stored = state.liveProduct(id: product.id, tenantID: tenantID) else {
                throw CatalogError.productNotFound(product.id)
            }
            guard stored.revision == product.revision else {
                throw CatalogError.revisionConflict(expected: product.revision, actual: stored.revision)
            }
            let others = state.liveProducts(tenantID: tenantID).filter { $0.id != product.id }
            if others.contains(where: { $0.handle == product.handle }) {
                throw CatalogError.handleTaken(product.handle)
            }

            var updated = product
            updated.revision = stored.revision + 1
            updated.createdAt = stored.createdAt
            for index in updated.variants.indices {
                if let existing = stored.variant(id: updated.variants[index].id) {
                    updated.variants[index].inventoryQuantity = existing.inventoryQuantity
                }
            }
            state.products[product.id] = updated
            state.events.append(event)
            return updated
        }
    }

    public func softDelete(id: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws {
        guard event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try storage.state.withLock { state in
            guard var product = state.liveProduct(id: id, tenantID: tenantID) else {
                throw CatalogError.productNotFound(id)
            }
            product.deletedAt = time
            product.updatedAt = time
            state.products[id] = product
            state.events.append(event)
        }
    }

    public func find(id: UUID, tenantID: UUID) throws -> Product? {
        storage.state.withLock { $0.liveProduct(id: id, tenantID: tenantID) }
    }

    public func find(handle: String, tenantID: UUID) throws -> Product? {
        storage.state.withLock { state in state.liveProducts(tenantID: tenantID).first { $0.handle == handle } }
    }

    public func count(tenantID: UUID) throws -> Int {
        storage.state.withLock { $0.liveProducts(tenantID: tenantID).count }
    }

    public func productIDs(withSKU sku: String, tenantID: UUID) throws -> [UUID] {
        storage.state.withLock { state in
            state.liveProducts(tenantID: tenantID).filter { product in product.variants.contains { $0.sku == sku } }
                .map(\.id)
        }
    }
}
