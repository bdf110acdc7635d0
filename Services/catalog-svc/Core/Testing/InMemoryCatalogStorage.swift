import FoundationEssentials
import Synchronization

/// The shared state behind the in-memory catalog adapters, one instance per simulated database.
///
/// Each adapter takes its lock for a whole operation, which gives the same all-or-nothing
/// behaviour as one PostgreSQL transaction per call.
public final class InMemoryCatalogStorage: Sendable {
    struct State: Sendable {
        var products: [UUID: Product] = [:]
        var collections: [UUID: Collection] = [:]
        var reservations: [ReservationKey: Reservation] = [:]
        var movements: [UUID: [InventoryMovement]] = [:]
        var events: [CatalogEvent] = []
        var importJobs: [UUID: ImportJob] = [:]
    }

    struct ReservationKey: Hashable, Sendable {
        var tenantID: UUID
        var orderID: UUID
    }

    let state = Mutex(State())

    public init() {}

    /// The events stored so far, oldest first, as an outbox relay would find them.
    public var events: [CatalogEvent] {
        state.withLock { $0.events }
    }
}

extension InMemoryCatalogStorage.State {
    /// Finds a variant among the tenant's products, searching deleted products only when requested.
    func locateVariant(
        _ variantID: UUID, tenantID: UUID, includeDeleted: Bool = false
    ) -> (productID: UUID, index: Int)? {
        for product in products.values
        where product.tenantID == tenantID && (includeDeleted || product.deletedAt == nil) {
            if let index = product.variants.firstIndex(where: { $0.id == variantID }) {
                return (product.id, index)
            }
        }
        return nil
    }

    func liveProduct(id: UUID, tenantID: UUID) -> Product? {
        guard let product = products[id], product.tenantID == tenantID, product.deletedAt == nil else { return nil }
        return product
    }

    func liveProducts(tenantID: UUID) -> [Product] {
        products.values.filter { $0.tenantID == tenantID && $0.deletedAt == nil }
    }
}
