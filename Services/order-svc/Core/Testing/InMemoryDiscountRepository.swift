import CommonKernel
import FoundationEssentials

/// A `DiscountRepository` over an in-memory transaction. The store's lock makes the check of
/// the usage limit and the increment one atomic step, as the conditional UPDATE does in SQL.
struct InMemoryDiscountRepository: DiscountRepository {
    let transaction: InMemoryTransaction

    func save(_ discount: Discount, tenantID: UUID) throws {
        try transaction.enter(tenantID)
        var stored = discount
        stored.code = Discount.normalizedCode(discount.code)
        stored.usageCount = transaction.data.discounts[stored.code]?.usageCount ?? discount.usageCount
        transaction.data.discounts[stored.code] = stored
    }

    func find(code: String, tenantID: UUID) throws -> Discount? {
        try transaction.enter(tenantID)
        return transaction.data.discounts[Discount.normalizedCode(code)]
    }

    func redeem(code: String, orderID: UUID, tenantID: UUID, at time: Date) throws -> Discount {
        try transaction.enter(tenantID, .redeemDiscount)
        let key = Discount.normalizedCode(code)
        guard var discount = transaction.data.discounts[key] else { throw OrderError.discountNotFound(key) }
        if transaction.data.redemptions[key, default: []].contains(orderID) { return discount }
        guard discount.hasUsesLeft else { throw OrderError.discountExhausted(key) }

        discount.usageCount += 1
        transaction.data.discounts[key] = discount
        transaction.data.redemptions[key, default: []].insert(orderID)
        return discount
    }

    func returnRedemption(code: String, orderID: UUID, tenantID: UUID) throws -> Bool {
        try transaction.enter(tenantID, .returnRedemption)
        let key = Discount.normalizedCode(code)
        guard transaction.data.redemptions[key]?.remove(orderID) != nil else { return false }
        transaction.data.discounts[key]?.usageCount -= 1
        return true
    }

    func redeemingOrders(code: String, tenantID: UUID) throws -> Set<UUID> {
        try transaction.enter(tenantID)
        return transaction.data.redemptions[Discount.normalizedCode(code)] ?? []
    }
}
