import CommonKernel
import FoundationEssentials

/// The steps every cart change shares: load the cart in a transaction, check the caller's
/// access and that it is still open, apply the change and store it with the next revision.
struct CartEditor: Sendable {
    let store: any OrderStore

    /// Returns the stored cart after `change`; throws `cart.not_found` for a missing cart or a
    /// wrong credential, `cart.checked_out`, `cart.changed`, and whatever `change` throws.
    func modify(
        cartID: UUID, access: CartAccess, tenant: TenantRecord, _ change: (inout Cart) throws -> Void
    ) throws -> Cart {
        try store.transaction(tenantID: tenant.id) { transaction in
            var cart = try CartEditor.load(cartID, access: access, tenantID: tenant.id, in: transaction)
            try cart.requireOpen()
            try change(&cart)
            return try transaction.carts.update(cart, tenantID: tenant.id)
        }
    }

    /// Returns the cart when `access` may use it; throws `cart.not_found` otherwise.
    static func load(
        _ cartID: UUID, access: CartAccess, tenantID: UUID, in transaction: OrderTransaction
    ) throws -> Cart {
        guard let cart = try transaction.carts.find(id: cartID, tenantID: tenantID) else {
            throw OrderError.cartNotFound(cartID)
        }
        try cart.authorize(access)
        return cart
    }
}
