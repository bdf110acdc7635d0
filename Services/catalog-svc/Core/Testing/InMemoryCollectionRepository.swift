import CommonKernel
import FoundationEssentials

/// A `CollectionRepository` kept in memory; safe to share between threads.
public struct InMemoryCollectionRepository: CollectionRepository {
    let storage: InMemoryCatalogStorage

    public init(storage: InMemoryCatalogStorage) {
        self.storage = storage
    }

    public func create(_ collection: Collection, tenantID: UUID) throws {
        guard collection.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try storage.state.withLock { state in
            try Self.requireFreeHandle(collection, in: state)
            state.collections[collection.id] = collection
        }
    }

    public func update(_ collection: Collection, tenantID: UUID) throws {
        guard collection.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try storage.state.withLock { state in
            guard state.collections[collection.id]?.tenantID == tenantID else { throw Self.notFound(collection.id) }
            try Self.requireFreeHandle(collection, in: state)
            state.collections[collection.id] = collection
        }
    }

    public func delete(id: UUID, tenantID: UUID) throws {
        try storage.state.withLock { state in
            guard state.collections[id]?.tenantID == tenantID else { throw Self.notFound(id) }
            state.collections[id] = nil
        }
    }

    public func find(id: UUID, tenantID: UUID) throws -> Collection? {
        storage.state.withLock { state in state.collections[id].flatMap { $0.tenantID == tenantID ? $0 : nil } }
    }

    public func find(handle: String, kind: Collection.Kind, tenantID: UUID) throws -> Collection? {
        storage.state.withLock { state in
            state.collections.values.first { $0.tenantID == tenantID && $0.kind == kind && $0.handle == handle }
        }
    }

    public func list(kind: Collection.Kind, tenantID: UUID) throws -> [Collection] {
        storage.state.withLock { state in
            state.collections.values.filter { $0.tenantID == tenantID && $0.kind == kind }
                .sorted { ($0.title.lowercased(), $0.id.uuidString) < ($1.title.lowercased(), $1.id.uuidString) }
        }
    }

    private static func requireFreeHandle(_ collection: Collection, in state: InMemoryCatalogStorage.State) throws {
        let taken = state.collections.values.contains {
            $0.tenantID == collection.tenantID && $0.kind == collection.kind && $0.handle == collection.handle
                && $0.id != collection.id
        }
        if taken {
            throw AppError(
                .conflict, code: "collection.handle_taken",
                detail: "Another \(collection.kind.rawValue) already uses the handle '\(collection.handle)'.")
        }
    }

    private static func notFound(_ id: UUID) -> AppError {
        AppError.notFound("Collection \(id.lowercasedString)", code: "collection.not_found")
    }
}
