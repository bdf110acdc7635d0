import CommonKernel
import FoundationEssentials

/// An `InventoryRepository` kept in memory with the full reservation rules; safe to share
/// between threads because every operation runs under the storage's lock.
public struct InMemoryInventoryRepository: InventoryRepository {
    let storage: InMemoryCatalogStorage

    public init(storage: InMemoryCatalogStorage) {
        self.storage = storage
    }

    public func level(variantID: UUID, tenantID: UUID) throws -> InventoryLevel {
        try storage.state.withLock { state in try Self.level(of: variantID, tenantID: tenantID, in: state) }
    }

    public func setQuantity(
        variantID: UUID, to quantity: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel {
        try storage.state.withLock { state in
            let current = try Self.level(of: variantID, tenantID: tenantID, in: state).available
            Self.change(variantID, by: quantity - current, reason: reason, tenantID: tenantID, at: time, in: &state)
            return try Self.level(of: variantID, tenantID: tenantID, in: state)
        }
    }

    public func adjustQuantity(
        variantID: UUID, by delta: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel {
        try storage.state.withLock { state in
            let level = try Self.level(of: variantID, tenantID: tenantID, in: state)
            let enforcesFloor = level.tracksInventory && level.inventoryPolicy == .deny
            if delta < 0, enforcesFloor, level.available + delta < 0 {
                throw CatalogError.insufficientStock(
                    variantID: variantID, requested: -delta, available: level.available)
            }
            Self.change(variantID, by: delta, reason: reason, tenantID: tenantID, at: time, in: &state)
            return try Self.level(of: variantID, tenantID: tenantID, in: state)
        }
    }

    public func reservation(orderID: UUID, tenantID: UUID) throws -> Reservation? {
        storage.state.withLock { $0.reservations[.init(tenantID: tenantID, orderID: orderID)] }
    }

    public func saleVariants(_ variantIDs: [UUID], tenantID: UUID) throws -> [SaleVariant] {
        storage.state.withLock { state in
            Set(variantIDs).sorted { $0.uuidString < $1.uuidString }.compactMap { id in
                guard let (productID, index) = state.locateVariant(id, tenantID: tenantID) else { return nil }
                let product = state.products[productID]!
                return SaleVariant(
                    variant: product.variants[index], productID: productID, productTitle: product.title,
                    productHandle: product.handle, productStatus: product.status, published: product.published)
            }
        }
    }

    public func movements(variantID: UUID, tenantID: UUID) throws -> [InventoryMovement] {
        try storage.state.withLock { state in
            guard state.locateVariant(variantID, tenantID: tenantID, includeDeleted: true) != nil else {
                throw CatalogError.variantNotFound(variantID)
            }
            return state.movements[variantID] ?? []
        }
    }

    static func level(
        of variantID: UUID, tenantID: UUID, in state: InMemoryCatalogStorage.State
    ) throws -> InventoryLevel {
        guard let (productID, index) = state.locateVariant(variantID, tenantID: tenantID) else {
            throw CatalogError.variantNotFound(variantID)
        }
        let variant = state.products[productID]!.variants[index]
        return InventoryLevel(
            variantID: variantID, productID: productID, sku: variant.sku, available: variant.inventoryQuantity,
            tracksInventory: variant.tracksInventory, inventoryPolicy: variant.inventoryPolicy)
    }

    /// Adds `delta` to a variant's quantity and records the movement; a zero delta records nothing.
    static func change(
        _ variantID: UUID, by delta: Int, reason: String, tenantID: UUID, at time: Date,
        in state: inout InMemoryCatalogStorage.State
    ) {
        guard delta != 0,
            let (productID, index) = state.locateVariant(variantID, tenantID: tenantID, includeDeleted: true)
        else {
            return
        }
        state.products[productID]!.variants[index].inventoryQuantity += delta
        let quantity = state.products[productID]!.variants[index].inventoryQuantity
        let movement = InventoryMovement(
            variantID: variantID, delta: delta, resultingQuantity: quantity, reason: reason, occurredAt: time)
        state.movements[variantID, default: []].append(movement)
    }
}
