import CommonKernel
import FoundationEssentials

/// An `OrderRepository` over an in-memory transaction; the number counter lives in the
/// transaction's copy, so a rollback returns allocated numbers as PostgreSQL would.
struct InMemoryOrderRepository: OrderRepository {
    let transaction: InMemoryTransaction

    func allocateNumber(tenantID: UUID) throws -> Int {
        try transaction.enter(tenantID, .allocateNumber)
        transaction.data.lastOrderNumber += 1
        return transaction.data.lastOrderNumber
    }

    func insert(_ order: Order, tenantID: UUID) throws {
        try transaction.enter(tenantID, .insertOrder)
        guard order.tenantID == tenantID else { throw OrderError.tenantMismatch() }
        guard transaction.data.orders[order.id] == nil, transaction.data.orderIDsByNumber[order.number] == nil else {
            throw AppError(
                .conflict, code: "order.number_taken", detail: "Order \(order.displayNumber) already exists.")
        }
        transaction.data.orders[order.id] = order
        transaction.data.orderIDsByNumber[order.number] = order.id
    }

    func update(_ order: Order, tenantID: UUID) throws -> Order {
        try transaction.enter(tenantID, .updateOrder)
        guard let stored = transaction.data.orders[order.id] else { throw OrderError.orderNotFound() }
        guard stored.version == order.version else { throw OrderError.versionConflict(orderNumber: order.number) }
        var next = order
        next.version += 1
        transaction.data.orders[order.id] = next
        return next
    }

    func find(id: UUID, tenantID: UUID) throws -> Order? {
        try transaction.enter(tenantID)
        return transaction.data.orders[id]
    }

    func find(number: Int, tenantID: UUID) throws -> Order? {
        try transaction.enter(tenantID)
        return transaction.data.orderIDsByNumber[number].flatMap { transaction.data.orders[$0] }
    }

    func list(_ query: OrderQuery, tenantID: UUID) throws -> OrderPage {
        try transaction.enter(tenantID)
        let matching = transaction.data.orders.values.filter(query.matches).sorted { $0.number > $1.number }
        let page = Array(matching.prefix(query.limit))
        let next = matching.count > page.count ? page.last.map { OrderCursor(afterNumber: $0.number) } : nil
        return OrderPage(orders: page, nextCursor: next)
    }

    func expiredHolds(at time: Date, limit: Int, tenantID: UUID) throws -> [Order] {
        try transaction.enter(tenantID)
        let expired = transaction.data.orders.values.filter { $0.status == .pendingPayment && $0.holdExpiresAt <= time }
        return Array(expired.sorted { ($0.holdExpiresAt, $0.number) < ($1.holdExpiresAt, $1.number) }.prefix(limit))
    }

    func pendingStockChanges(limit: Int, tenantID: UUID) throws -> [Order] {
        try transaction.enter(tenantID)
        let pending = transaction.data.orders.values.filter { $0.pendingStockChange != nil }
        return Array(pending.sorted { $0.number < $1.number }.prefix(limit))
    }
}
