import CommonKernel
import FoundationEssentials

/// Reads a cart for its owner.
public struct GetCart: Sendable {
    let store: any OrderStore

    public init(store: any OrderStore) {
        self.store = store
    }

    /// Returns the cart; throws `cart.not_found` for a missing cart or a wrong credential.
    public func execute(cartID: UUID, access: CartAccess, tenant: TenantRecord) throws -> Cart {
        try store.transaction(tenantID: tenant.id) { transaction in
            try CartEditor.load(cartID, access: access, tenantID: tenant.id, in: transaction)
        }
    }
}
