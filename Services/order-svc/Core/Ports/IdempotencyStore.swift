import FoundationEssentials

/// Records checkouts by their `Idempotency-Key`, scoped to one tenant per call, so that a
/// repeated request returns the first order instead of placing another.
///
/// A record moves `pending` → `completed` when its order is stored, or `pending` →
/// `abandoning` → deleted when the checkout failed and its stock is being released. Only the
/// order id that began a record may complete, abandon or delete it.
public protocol IdempotencyStore: Sendable {
    /// Stores `attempt` when no record has its key and returns it; otherwise returns the
    /// existing record unchanged. Concurrent calls with one key store exactly one record.
    func begin(_ attempt: CheckoutAttempt, tenantID: UUID) throws -> CheckoutAttempt

    /// Returns the record of `key`, or nil.
    func find(key: String, tenantID: UUID) throws -> CheckoutAttempt?

    /// Marks the pending record of `key` and `orderID` completed.
    ///
    /// Throws `AppError(.conflict, code: "idempotency.attempt_lost")` when there is no such
    /// pending record, because a recovery job began abandoning it. An adapter may send the change
    /// with the transaction's next statement, so the error may come from that later call or
    /// from the commit instead. The transaction then stores nothing.
    func complete(key: String, orderID: UUID, tenantID: UUID, at time: Date) throws

    /// Marks the record of `key` and `orderID` abandoning unless it is completed; returns
    /// whether the record is now abandoning.
    func markAbandoning(key: String, orderID: UUID, tenantID: UUID, at time: Date) throws -> Bool

    /// Deletes the abandoning record of `key` and `orderID`, which frees the key; a missing
    /// record is not an error.
    func delete(key: String, orderID: UUID, tenantID: UUID) throws

    /// Returns up to `limit` records still pending or abandoning that were last updated before
    /// `time`, oldest first.
    func unfinished(updatedBefore time: Date, limit: Int, tenantID: UUID) throws -> [CheckoutAttempt]
}

/// One checkout request under an idempotency key.
public struct CheckoutAttempt: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        /// Stock may be reserved; the order is not stored yet.
        case pending
        /// The order is stored.
        case completed
        /// The checkout failed; its stock is being released before the key is freed.
        case abandoning
    }

    /// The client's `Idempotency-Key`.
    public var key: String
    /// The SHA-256 hex digest of the canonical request, to tell a retry from a different request.
    public var fingerprint: String
    /// The id the order has, or would have had.
    public var orderID: UUID
    public var state: State
    public var startedAt: Date
    public var updatedAt: Date

    public init(key: String, fingerprint: String, orderID: UUID, state: State, startedAt: Date, updatedAt: Date) {
        self.key = key
        self.fingerprint = fingerprint
        self.orderID = orderID
        self.state = state
        self.startedAt = startedAt
        self.updatedAt = updatedAt
    }
}
