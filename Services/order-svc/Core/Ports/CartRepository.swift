import FoundationEssentials

/// Stores carts, scoped to one tenant per call; a cart of another tenant is treated as absent.
public protocol CartRepository: Sendable {
    /// Stores a new cart. Throws `AppError(.conflict)` when a cart with its id exists.
    func insert(_ cart: Cart, tenantID: UUID) throws

    /// Returns the cart with `id`, or nil.
    func find(id: UUID, tenantID: UUID) throws -> Cart?

    /// Returns the customer's most recently updated cart that is not checked out, or nil.
    func findOpen(customerID: UUID, tenantID: UUID) throws -> Cart?

    /// Replaces the stored cart when its revision still equals `cart.revision`, storing it with
    /// the revision one higher, and returns what was stored.
    ///
    /// Throws `OrderError.cartChanged` when the stored revision differs and
    /// `OrderError.cartNotFound` when there is no such cart.
    func update(_ cart: Cart, tenantID: UUID) throws -> Cart

    /// Marks the cart as checked out by `orderID` at `time`, like `update` with only those two
    /// fields changed, and returns what was stored. Throws what `update` throws, but like
    /// `IdempotencyStore.complete` it may throw from the transaction's next call or its commit.
    func markCheckedOut(_ cart: Cart, orderID: UUID, at time: Date, tenantID: UUID) throws -> Cart
}

extension CartRepository {
    /// Stores the change through `update`, for adapters without a cheaper way.
    public func markCheckedOut(_ cart: Cart, orderID: UUID, at time: Date, tenantID: UUID) throws -> Cart {
        var checkedOut = cart
        checkedOut.checkedOutOrderID = orderID
        checkedOut.updatedAt = time
        return try update(checkedOut, tenantID: tenantID)
    }
}
