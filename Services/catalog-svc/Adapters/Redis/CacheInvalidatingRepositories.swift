import CatalogCore
import FoundationEssentials

/// A product repository that moves the tenant's public read cache to a new version after
/// every successful write, so the next public read shows the change.
struct CacheInvalidatingProductRepository: ProductRepository {
    let inner: any ProductRepository
    let cache: RedisCatalogCache

    func create(_ product: Product, tenantID: UUID, productLimit: Int?, event: CatalogEvent) throws {
        try inner.create(product, tenantID: tenantID, productLimit: productLimit, event: event)
        cache.invalidate(tenantID: tenantID)
    }

    func update(_ product: Product, tenantID: UUID, event: CatalogEvent) throws -> Product {
        let stored = try inner.update(product, tenantID: tenantID, event: event)
        cache.invalidate(tenantID: tenantID)
        return stored
    }

    func softDelete(id: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws {
        try inner.softDelete(id: id, tenantID: tenantID, at: time, event: event)
        cache.invalidate(tenantID: tenantID)
    }

    func find(id: UUID, tenantID: UUID) throws -> Product? { try inner.find(id: id, tenantID: tenantID) }

    func find(handle: String, tenantID: UUID) throws -> Product? { try inner.find(handle: handle, tenantID: tenantID) }

    func list(_ query: ProductQuery, tenantID: UUID) throws -> ProductPage { try inner.list(query, tenantID: tenantID) }

    func count(tenantID: UUID) throws -> Int { try inner.count(tenantID: tenantID) }

    func productIDs(withSKU sku: String, tenantID: UUID) throws -> [UUID] {
        try inner.productIDs(withSKU: sku, tenantID: tenantID)
    }
}

/// An inventory repository that invalidates the tenant's public read cache after every change
/// of stock, because listings filter and show availability.
struct CacheInvalidatingInventoryRepository: InventoryRepository {
    let inner: any InventoryRepository
    let cache: RedisCatalogCache

    func level(variantID: UUID, tenantID: UUID) throws -> InventoryLevel {
        try inner.level(variantID: variantID, tenantID: tenantID)
    }

    func setQuantity(
        variantID: UUID, to quantity: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel {
        let level = try inner.setQuantity(variantID: variantID, to: quantity, reason: reason, tenantID: tenantID, at: time)
        cache.invalidate(tenantID: tenantID)
        return level
    }

    func adjustQuantity(
        variantID: UUID, by delta: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel {
        let level = try inner.adjustQuantity(variantID: variantID, by: delta, reason: reason, tenantID: tenantID, at: time)
        cache.invalidate(tenantID: tenantID)
        return level
    }

    func reserve(_ request: ReservationRequest, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        let reservation = try inner.reserve(request, tenantID: tenantID, at: time, event: event)
        cache.invalidate(tenantID: tenantID)
        return reservation
    }

    func release(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        let reservation = try inner.release(orderID: orderID, tenantID: tenantID, at: time, event: event)
        cache.invalidate(tenantID: tenantID)
        return reservation
    }

    func commit(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        try inner.commit(orderID: orderID, tenantID: tenantID, at: time, event: event)
    }

    func reservation(orderID: UUID, tenantID: UUID) throws -> Reservation? {
        try inner.reservation(orderID: orderID, tenantID: tenantID)
    }

    func movements(variantID: UUID, tenantID: UUID) throws -> [InventoryMovement] {
        try inner.movements(variantID: variantID, tenantID: tenantID)
    }
}

/// A collection repository that invalidates the tenant's public read cache after every change,
/// because listings filter by collection.
struct CacheInvalidatingCollectionRepository: CollectionRepository {
    let inner: any CollectionRepository
    let cache: RedisCatalogCache

    func create(_ collection: Collection, tenantID: UUID) throws {
        try inner.create(collection, tenantID: tenantID)
        cache.invalidate(tenantID: tenantID)
    }

    func update(_ collection: Collection, tenantID: UUID) throws {
        try inner.update(collection, tenantID: tenantID)
        cache.invalidate(tenantID: tenantID)
    }

    func delete(id: UUID, tenantID: UUID) throws {
        try inner.delete(id: id, tenantID: tenantID)
        cache.invalidate(tenantID: tenantID)
    }

    func find(id: UUID, tenantID: UUID) throws -> Collection? { try inner.find(id: id, tenantID: tenantID) }

    func find(handle: String, kind: Collection.Kind, tenantID: UUID) throws -> Collection? {
        try inner.find(handle: handle, kind: kind, tenantID: tenantID)
    }

    func list(kind: Collection.Kind, tenantID: UUID) throws -> [Collection] {
        try inner.list(kind: kind, tenantID: tenantID)
    }
}
