import FoundationEssentials

/// Stores discount codes and counts their redemptions, scoped to one tenant per call.
///
/// Codes are matched in the form `Discount.normalizedCode` returns.
public protocol DiscountRepository: Sendable {
    /// Inserts the discount or replaces the one with the same code, keeping its usage count.
    func save(_ discount: Discount, tenantID: UUID) throws

    /// Returns the discount with `code`, or nil.
    func find(code: String, tenantID: UUID) throws -> Discount?

    /// Counts one use of `code` by `orderID` and returns the discount after it.
    ///
    /// The count rises only while it is below the usage limit, decided atomically (the
    /// PostgreSQL adapter uses one conditional UPDATE), so concurrent checkouts never exceed the
    /// limit. A second call for the same order counts nothing. Throws `OrderError.discountExhausted`
    /// at the limit and `OrderError.discountNotFound` for an unknown code.
    func redeem(code: String, orderID: UUID, tenantID: UUID, at time: Date) throws -> Discount

    /// Gives back the use that `orderID` made of `code`; returns false when it made none.
    func returnRedemption(code: String, orderID: UUID, tenantID: UUID) throws -> Bool

    /// Returns the ids of the orders that hold a use of `code`.
    func redeemingOrders(code: String, tenantID: UUID) throws -> Set<UUID>
}
