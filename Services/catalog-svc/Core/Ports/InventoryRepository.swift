import FoundationEssentials

/// Stock of variants and the reservations that orders hold on it, scoped to one tenant per call.
///
/// Rules every adapter keeps: a variant that tracks inventory with policy `deny` never goes
/// below zero through an adjustment or a reservation (only `setQuantity` may store a negative
/// count, as a stocktake of record). A reservation takes all its lines or none. A reservation
/// is identified by its order id, and repeating a call for the same order changes nothing twice.
/// Variants of soft-deleted products count as not found. An `event` is stored in the same
/// transaction as the change it describes, and only when the call changed something.
public protocol InventoryRepository: Sendable {
    /// Returns the current stock of a variant, or throws `CatalogError.variantNotFound`.
    func level(variantID: UUID, tenantID: UUID) throws -> InventoryLevel

    /// Sets the available quantity and records a movement with `reason`.
    func setQuantity(
        variantID: UUID, to quantity: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel

    /// Adds `delta` (negative to remove) to the available quantity and records a movement.
    ///
    /// Throws `CatalogError.insufficientStock` when a `deny` variant would drop below zero.
    func adjustQuantity(
        variantID: UUID, by delta: Int, reason: String, tenantID: UUID, at time: Date
    ) throws -> InventoryLevel

    /// Reserves every line of `request` for its order, or none of them. Reservations do not
    /// expire, so the order service must release the ones of abandoned orders.
    ///
    /// Returns the existing reservation unchanged when the order already has one with the
    /// same lines. Throws `CatalogError.reservationMismatch` when those lines differ,
    /// `CatalogError.reservationState` when the order's reservation was released,
    /// `CatalogError.insufficientStock` for the first `deny` line that lacks stock, and
    /// `CatalogError.variantNotFound`.
    func reserve(
        _ request: ReservationRequest, tenantID: UUID, at time: Date, event: CatalogEvent
    ) throws -> Reservation

    /// Returns a reserved order's stock and marks the reservation released.
    ///
    /// Releasing a released reservation changes nothing. Throws `CatalogError.reservationState`
    /// for a committed one and `CatalogError.reservationNotFound`.
    func release(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation

    /// Makes a reservation final, because the order was paid; the stock stays taken.
    ///
    /// Committing a committed reservation changes nothing. Throws `CatalogError.reservationState`
    /// for a released one and `CatalogError.reservationNotFound`.
    func commit(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation

    /// Returns the reservation of `orderID`, or nil.
    func reservation(orderID: UUID, tenantID: UUID) throws -> Reservation?

    /// Returns the variants of `variantIDs` that exist and whose products are not deleted, in
    /// variant id order, with one read whatever the number of ids. Unknown ids are left out.
    func saleVariants(_ variantIDs: [UUID], tenantID: UUID) throws -> [SaleVariant]

    /// Returns the stock changes of a variant, oldest first.
    func movements(variantID: UUID, tenantID: UUID) throws -> [InventoryMovement]
}
