import CommonKernel
import FoundationEssentials

/// Changes a variant's stock by hand: a stocktake sets it, a delivery or a correction adjusts it.
public struct AdjustInventory: Sendable {
    /// The change to make.
    public enum Change: Sendable, Equatable {
        /// Set the available quantity to this count, which may be negative.
        case set(Int)
        /// Add this many units; negative removes units.
        case add(Int)
    }

    /// The largest stock a variant may hold, and the most negative; a change past it is rejected.
    public static let quantityLimit = 1_000_000_000

    /// Throws `invalidInput` on `field` when a change would leave the stock at `resulting`,
    /// outside `-quantityLimit...quantityLimit`.
    public static func checkResulting(_ resulting: Int, field: String) throws {
        guard abs(resulting) > quantityLimit else { return }
        throw AppError.invalidField(
            field, "would leave \(resulting) units, outside -\(quantityLimit)...\(quantityLimit); send a smaller change",
            code: "out_of_range")
    }

    let inventory: any InventoryRepository
    let clock: @Sendable () -> Date

    public init(inventory: any InventoryRepository, clock: @escaping @Sendable () -> Date = catalogClock) {
        self.inventory = inventory
        self.clock = clock
    }

    /// Applies the change and returns the new level.
    ///
    /// Throws `invalidInput` on field `reason` when it is empty, `CatalogError.variantNotFound`,
    /// and `CatalogError.insufficientStock` when removing units would take a `deny` variant
    /// below zero.
    public func execute(variantID: UUID, change: Change, reason: String, tenant: TenantRecord) throws -> InventoryLevel
    {
        let reason = reason.trimmingWhitespaceAndNewlines()
        if reason.isEmpty {
            throw AppError.invalidField("reason", "must not be empty; say why the stock changes", code: "empty")
        }
        switch change {
        case .set(let quantity):
            return try inventory.setQuantity(
                variantID: variantID, to: quantity, reason: reason, tenantID: tenant.id, at: clock())
        case .add(let delta):
            return try inventory.adjustQuantity(
                variantID: variantID, by: delta, reason: reason, tenantID: tenant.id, at: clock())
        }
    }
}
