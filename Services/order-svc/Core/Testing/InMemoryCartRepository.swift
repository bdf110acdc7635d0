import CommonKernel
import FoundationEssentials

/// A `CartRepository` over an in-memory transaction.
struct InMemoryCartRepository: CartRepository {
    let transaction: InMemoryTransaction

    func insert(_ cart: Cart, tenantID: UUID) throws {
        try transaction.enter(tenantID, .insertCart)
        guard cart.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        guard transaction.data.carts[cart.id] == nil else {
            throw AppError(.conflict, code: "cart.exists", detail: "A cart with this id already exists.")
        }
        transaction.data.carts[cart.id] = cart
    }

    func find(id: UUID, tenantID: UUID) throws -> Cart? {
        try transaction.enter(tenantID)
        return transaction.data.carts[id]
    }

    func findOpen(customerID: UUID, tenantID: UUID) throws -> Cart? {
        try transaction.enter(tenantID)
        return transaction.data.carts.values
            .filter { $0.owner == .customer(customerID) && !$0.isCheckedOut }
            .max { ($0.updatedAt, $0.id.uuidString) < ($1.updatedAt, $1.id.uuidString) }
    }

    func update(_ cart: Cart, tenantID: UUID) throws -> Cart {
        try transaction.enter(tenantID, .updateCart)
        guard let stored = transaction.data.carts[cart.id] else { throw OrderError.cartNotFound(cart.id) }
        guard stored.revision == cart.revision else { throw OrderError.cartChanged(cart.id) }
        var next = cart
        next.revision += 1
        transaction.data.carts[cart.id] = next
        return next
    }
}
