import CommonKernel
import FoundationEssentials

/// An `IdempotencyStore` over an in-memory transaction.
struct InMemoryIdempotencyStore: IdempotencyStore {
    let transaction: InMemoryTransaction

    func begin(_ attempt: CheckoutAttempt, tenantID: UUID) throws -> CheckoutAttempt {
        try transaction.enter(tenantID, .beginAttempt)
        if let existing = transaction.data.attempts[attempt.key] { return existing }
        transaction.data.attempts[attempt.key] = attempt
        return attempt
    }

    func find(key: String, tenantID: UUID) throws -> CheckoutAttempt? {
        try transaction.enter(tenantID)
        return transaction.data.attempts[key]
    }

    func complete(key: String, orderID: UUID, tenantID: UUID, at time: Date) throws {
        try transaction.enter(tenantID, .completeAttempt)
        guard var attempt = transaction.data.attempts[key], attempt.orderID == orderID, attempt.state == .pending else {
            throw AppError(
                .conflict, code: "idempotency.attempt_lost",
                detail: "The checkout was abandoned while it ran. Retry the request.")
        }
        attempt.state = .completed
        attempt.updatedAt = time
        transaction.data.attempts[key] = attempt
    }

    func markAbandoning(key: String, orderID: UUID, tenantID: UUID, at time: Date) throws -> Bool {
        try transaction.enter(tenantID, .markAbandoning)
        guard var attempt = transaction.data.attempts[key], attempt.orderID == orderID, attempt.state != .completed
        else {
            return false
        }
        if attempt.state == .pending {
            attempt.state = .abandoning
            attempt.updatedAt = time
            transaction.data.attempts[key] = attempt
        }
        return true
    }

    func delete(key: String, orderID: UUID, tenantID: UUID) throws {
        try transaction.enter(tenantID, .deleteAttempt)
        guard let attempt = transaction.data.attempts[key], attempt.orderID == orderID, attempt.state == .abandoning
        else {
            return
        }
        transaction.data.attempts[key] = nil
    }

    func unfinished(updatedBefore time: Date, limit: Int, tenantID: UUID) throws -> [CheckoutAttempt] {
        try transaction.enter(tenantID)
        let stale = transaction.data.attempts.values.filter { $0.state != .completed && $0.updatedAt < time }
        return Array(stale.sorted { ($0.updatedAt, $0.key) < ($1.updatedAt, $1.key) }.prefix(limit))
    }
}
