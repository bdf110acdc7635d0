import FoundationEssentials

/// Stores categories and collections with their manual membership, scoped to one tenant per call.
///
/// Handles are unique per tenant and kind. Deleting a product does not edit memberships;
/// listings skip deleted members.
public protocol CollectionRepository: Sendable {
    /// Stores a new collection; throws `conflict` with code `collection.handle_taken`.
    func create(_ collection: Collection, tenantID: UUID) throws

    /// Replaces the stored collection with `collection.id`; throws `collection.not_found` or
    /// `collection.handle_taken`.
    func update(_ collection: Collection, tenantID: UUID) throws

    /// Removes a collection; throws `collection.not_found`.
    func delete(id: UUID, tenantID: UUID) throws

    func find(id: UUID, tenantID: UUID) throws -> Collection?

    func find(handle: String, kind: Collection.Kind, tenantID: UUID) throws -> Collection?

    /// Returns the tenant's collections of `kind`, ordered by title.
    func list(kind: Collection.Kind, tenantID: UUID) throws -> [Collection]
}
