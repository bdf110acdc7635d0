import CPostgres
import Foundation

extension PostgresConnection {
    /// Begins a transaction whose `app.tenant_id` setting is `tenantID`, in one round trip.
    ///
    /// `SET LOCAL` cannot take a bind parameter, so the setting goes through `set_config` with
    /// `is_local` true, which also ends with the transaction.
    func beginTenantTransaction(_ tenantID: UUID) throws {
        try runPipeline([
            PipelinedStatement(sql: "BEGIN", parameters: []),
            PipelinedStatement(sql: "SELECT set_config('app.tenant_id', $1, true)", parameters: [tenantID]),
        ])
    }

    func beginTransaction() throws {
        try execute("BEGIN")
    }

    /// Runs `body` in the open transaction, then commits, or rolls back and rethrows when `body` throws.
    func completeTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let value: T
        do {
            value = try body(self)
        } catch {
            rollback()
            throw error
        }
        try commit()
        return value
    }

    /// Commits, and throws when the server rolled back instead.
    ///
    /// COMMIT of a transaction in which a statement failed succeeds with the tag ROLLBACK, which
    /// happens when `body` caught a `PostgresError` and returned normally.
    private func commit() throws {
        let result = try run("COMMIT", [])
        defer { PQclear(result) }
        guard String(cString: PQcmdStatus(result)) == "COMMIT" else {
            throw PostgresError(
                sqlState: "25P02", isConnectionFailure: false,
                message: "COMMIT rolled back a transaction that an earlier statement had aborted")
        }
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
