import CPostgres
import FoundationEssentials

extension PostgresConnection {
    /// Begins a transaction whose `app.tenant_id` setting is `tenantID`, in one round trip.
    ///
    /// `SET LOCAL` cannot take a bind parameter, so the setting goes through `set_config` with
    /// `is_local` true, which also ends with the transaction.
    func beginTenantTransaction(_ tenantID: UUID) throws {
        _ = try pipeline([
            PostgresStatement("BEGIN"),
            PostgresStatement("SELECT set_config('app.tenant_id', $1, true)", [tenantID]),
        ])
    }

    func beginTransaction() throws {
        try execute("BEGIN")
    }

    /// Runs `body` in the open transaction, then commits, or rolls back and rethrows when `body` throws.
    /// When `body` already ended the transaction with `commit(after:)`, nothing more is sent.
    /// `body` may also send the BEGIN itself, so that it shares a round trip with the first statement.
    public func completeTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let value: T
        do {
            value = try body(self)
        } catch {
            rollback()
            throw error
        }
        if PQtransactionStatus(handle) != PQTRANS_IDLE { try commit() }
        return value
    }

    /// Sends `statements` and then COMMIT in one round trip, so that the locks they take are
    /// held only while the server runs them. Returns the statements' results.
    ///
    /// Use it as the last step of a pool transaction's body: the pool then sends no COMMIT of
    /// its own. When a statement fails, this rolls the transaction back and throws the failure.
    /// Throws a `PostgresError` with SQLSTATE 25P02 when the server rolled back instead, because
    /// a statement before these had failed.
    public func commit(after statements: [PostgresStatement]) throws -> [PostgresStatementResult] {
        let results: [PostgresStatementResult]
        do {
            results = try pipeline(statements + [PostgresStatement("COMMIT")])
        } catch {
            rollback()
            throw error
        }
        guard results.last?.command == "COMMIT" else { throw Self.rolledBackError() }
        return Array(results.dropLast())
    }

    /// Commits, and throws when the server rolled back instead.
    ///
    /// COMMIT of a transaction in which a statement failed succeeds with the tag ROLLBACK, which
    /// happens when `body` caught a `PostgresError` and returned normally.
    private func commit() throws {
        let result = try run("COMMIT", [])
        defer { PQclear(result) }
        guard String(cString: PQcmdStatus(result)) == "COMMIT" else { throw Self.rolledBackError() }
    }

    private static func rolledBackError() -> PostgresError {
        PostgresError(
            sqlState: "25P02", isConnectionFailure: false,
            message: "COMMIT rolled back a transaction that an earlier statement had aborted")
    }

    // A failed ROLLBACK leaves the transaction open, so the connection must not be reused.
    private func rollback() {
        let status = PQtransactionStatus(handle)
        guard status == PQTRANS_INTRANS || status == PQTRANS_INERROR else { return }
        do {
            try execute("ROLLBACK")
        } catch {
            isBroken = true
        }
    }
}
