import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Checkout attempts in `ordering.checkout_attempts`, one row per tenant and key.
struct PostgresIdempotencyStore: IdempotencyStore {
    let database: TransactionConnection

    /// Inserts the row unless the key exists. A concurrent insert of the same key waits for the
    /// first transaction to end. After its commit this insert does nothing, and the SELECT,
    /// which takes a new snapshot, returns the committed row.
    func begin(_ attempt: CheckoutAttempt, tenantID: UUID) throws -> CheckoutAttempt {
        let inserted = try database.query(
            """
            INSERT INTO ordering.checkout_attempts (tenant_id, key, fingerprint, order_id, state, started_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, key) DO NOTHING RETURNING *
            """,
            [
                tenantID, attempt.key, attempt.fingerprint, attempt.orderID, attempt.state.rawValue, attempt.startedAt,
                attempt.updatedAt,
            ])
        if let row = inserted.first { return try Self.attempt(row) }
        guard let existing = try find(key: attempt.key, tenantID: tenantID) else {
            throw AppError(
                .conflict, code: "idempotency.in_progress",
                detail: "A checkout with this Idempotency-Key is still being processed. Retry in a few seconds.")
        }
        return existing
    }

    func find(key: String, tenantID: UUID) throws -> CheckoutAttempt? {
        try database.query(
            "SELECT * FROM ordering.checkout_attempts WHERE tenant_id = $1 AND key = $2", [tenantID, key]
        ).first.map(Self.attempt)
    }

    /// In a transaction with a queue, the update is queued, and the transaction fails with
    /// `idempotency.attempt_lost` when its next statement or its commit is sent.
    func complete(key: String, orderID: UUID, tenantID: UUID, at time: Date) throws {
        let statement = PostgresStatement(
            """
            UPDATE ordering.checkout_attempts SET state = 'completed', updated_at = $4
            WHERE tenant_id = $1 AND key = $2 AND order_id = $3 AND state = 'pending'
            """, [tenantID, key, orderID, time])
        try database.write(statement) { result in
            guard result.affectedRows == 1 else {
                throw AppError(
                    .conflict, code: "idempotency.attempt_lost",
                    detail: "The checkout was abandoned while it ran. Retry the request.")
            }
        }
    }

    func markAbandoning(key: String, orderID: UUID, tenantID: UUID, at time: Date) throws -> Bool {
        let rows = try database.query(
            """
            UPDATE ordering.checkout_attempts
            SET state = 'abandoning', updated_at = CASE WHEN state = 'pending' THEN $4 ELSE updated_at END
            WHERE tenant_id = $1 AND key = $2 AND order_id = $3 AND state <> 'completed'
            RETURNING state
            """, [tenantID, key, orderID, time])
        return !rows.isEmpty
    }

    func delete(key: String, orderID: UUID, tenantID: UUID) throws {
        try database.execute(
            """
            DELETE FROM ordering.checkout_attempts
            WHERE tenant_id = $1 AND key = $2 AND order_id = $3 AND state = 'abandoning'
            """, [tenantID, key, orderID])
    }

    func unfinished(updatedBefore time: Date, limit: Int, tenantID: UUID) throws -> [CheckoutAttempt] {
        try database.query(
            """
            SELECT * FROM ordering.checkout_attempts
            WHERE tenant_id = $1 AND state <> 'completed' AND updated_at < $2
            ORDER BY updated_at, key LIMIT $3
            """, [tenantID, time, limit]
        ).map(Self.attempt)
    }

    static func attempt(_ row: PostgresRow) throws -> CheckoutAttempt {
        guard let state = CheckoutAttempt.State(rawValue: try row.string("state")) else {
            throw PostgresError.decoding(column: "state", expected: "a checkout attempt state")
        }
        return CheckoutAttempt(
            key: try row.string("key"), fingerprint: try row.string("fingerprint"), orderID: try row.uuid("order_id"),
            state: state, startedAt: try row.date("started_at"), updatedAt: try row.date("updated_at"))
    }
}
