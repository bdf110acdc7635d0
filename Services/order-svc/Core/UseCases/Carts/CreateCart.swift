import CommonKernel
import FoundationEssentials

/// Starts a cart for a guest or returns a signed-in customer's open cart.
public struct CreateCart: Sendable {
    let store: any OrderStore
    let clock: @Sendable () -> Date

    public init(store: any OrderStore, clock: @escaping @Sendable () -> Date = orderClock) {
        self.store = store
        self.clock = clock
    }

    /// The cart and, for a guest cart, the secret token that every later request must present.
    public struct Result: Sendable, Equatable {
        public var cart: Cart
        /// Returned once, when the guest cart is made; nil for customer carts.
        public var token: String?
    }

    /// Makes a guest cart with a new token when `customerID` is nil; otherwise returns the
    /// customer's open cart, making one when there is none.
    ///
    /// Throws `invalidInput` when the tenant's currency is not a supported ISO 4217 code.
    public func execute(tenant: TenantRecord, customerID: UUID? = nil) throws -> Result {
        let currency = try Currency(code: tenant.currency)
        let now = clock()
        return try store.transaction(tenantID: tenant.id) { transaction in
            if let customerID, let open = try transaction.carts.findOpen(customerID: customerID, tenantID: tenant.id) {
                return Result(cart: open, token: nil)
            }
            let token = customerID == nil ? SecretToken.make() : nil
            let owner: Cart.Owner = customerID.map { .customer($0) } ?? .guest(token: token!)
            let cart = Cart(tenantID: tenant.id, owner: owner, currency: currency, createdAt: now, updatedAt: now)
            try transaction.carts.insert(cart, tenantID: tenant.id)
            return Result(cart: cart, token: token)
        }
    }
}
