import CommonKernel
import FoundationEssentials

/// Stores products with their options, variants and images, scoped to one tenant per call.
///
/// Every method reads and writes only rows of `tenantID`; a product of another tenant is
/// treated as absent. Soft-deleted products are invisible to every read and free their handle.
/// Each change stores its `event` in the same transaction, so an event exists if and only if
/// its change does.
public protocol ProductRepository: Sendable {
    /// Stores a new product.
    ///
    /// Throws `CatalogError.handleTaken` when a live product of the tenant has the handle, and
    /// `CatalogError.productLimitReached` when the tenant already has `productLimit` live
    /// products. The limit is checked in the same transaction, so concurrent creates cannot
    /// exceed it.
    func create(_ product: Product, tenantID: UUID, productLimit: Int?, event: CatalogEvent) throws

    /// Replaces the stored product that has `product.id` and returns what was stored.
    ///
    /// `product.revision` must equal the stored revision, otherwise it throws
    /// `CatalogError.revisionConflict`; the stored revision becomes one higher. The inventory
    /// quantity of variants that already exist is kept, because stock changes only through
    /// `InventoryRepository`; new variants start with their given quantity. Throws
    /// `CatalogError.productNotFound` and `CatalogError.handleTaken`.
    func update(_ product: Product, tenantID: UUID, event: CatalogEvent) throws -> Product

    /// Marks a product deleted at `time`; throws `CatalogError.productNotFound` when there is no
    /// live product with `id`.
    func softDelete(id: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws

    /// Returns the live product with `id`, or nil.
    func find(id: UUID, tenantID: UUID) throws -> Product?

    /// Returns the live product with `handle`, or nil.
    func find(handle: String, tenantID: UUID) throws -> Product?

    /// Returns one page of live products that match `query`, in its sort order.
    ///
    /// Throws `invalidInput` on field `cursor` for a cursor that is malformed or was made for
    /// another sort.
    func list(_ query: ProductQuery, tenantID: UUID) throws -> ProductPage

    /// Counts the live products, as the plan limit counts them.
    func count(tenantID: UUID) throws -> Int

    /// Returns the ids of live products that have a variant with exactly this SKU.
    func productIDs(withSKU sku: String, tenantID: UUID) throws -> [UUID]
}
