import FoundationEssentials

/// One set of catalog repositories sharing one store, as a contract check needs them.
public struct CatalogRepositories: Sendable {
    public var products: any ProductRepository
    public var inventory: any InventoryRepository
    public var collections: any CollectionRepository
    public var importJobs: any ImportJobRepository
    /// The events stored for a tenant, oldest first, as the outbox relay would read them.
    public var events: @Sendable (UUID) throws -> [CatalogEvent]

    public init(
        products: any ProductRepository, inventory: any InventoryRepository, collections: any CollectionRepository,
        importJobs: any ImportJobRepository, events: @escaping @Sendable (UUID) throws -> [CatalogEvent]
    ) {
        self.products = products
        self.inventory = inventory
        self.collections = collections
        self.importJobs = importJobs
        self.events = events
    }

    /// Fresh in-memory repositories over one new `InMemoryCatalogStorage`.
    public static func inMemory() -> CatalogRepositories {
        let storage = InMemoryCatalogStorage()
        return CatalogRepositories(
            products: InMemoryProductRepository(storage: storage),
            inventory: InMemoryInventoryRepository(storage: storage),
            collections: InMemoryCollectionRepository(storage: storage),
            importJobs: InMemoryImportJobRepository(storage: storage),
            events: { tenantID in storage.events.filter { $0.tenantID == tenantID } })
    }
}
