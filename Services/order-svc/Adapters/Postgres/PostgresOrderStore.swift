import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// The `OrderStore` on PostgreSQL: each transaction runs on a pooled connection with
/// `app.tenant_id` set, so row-level security confines it to one tenant's rows.
public final class PostgresOrderStore: OrderStore {
    let database: PostgresPool

    public init(database: PostgresPool) {
        self.database = database
    }

    /// Runs `work` in a READ COMMITTED transaction. Rows that `work` changes stay locked until the
    /// commit, which serializes concurrent changes of one cart, order, discount or counter.
    ///
    /// BEGIN and the tenant setting are queued and travel with the transaction's first statement.
    /// Inserts whose results `work` does not read (order rows, detail rows, outbox events) are
    /// queued too and sent with COMMIT, so a lock taken just before them, such as the order number
    /// counter's, lasts about one round trip.
    ///
    /// NOTE: unlike `PostgresPool.withTenantTransaction`, this does not reconnect and retry a
    /// connection that the server closed after the pool's health check. The transaction then
    /// fails with `database.unavailable`, and the pool reconnects that connection on its next use.
    public func transaction<Value: Sendable>(
        tenantID: UUID, _ work: (OrderTransaction) throws -> Value
    ) throws -> Value {
        try DatabaseFailure.translating {
            try database.withConnection { connection in
                try connection.completeTransaction { connection in
                    let pending = PendingWrites()
                    pending.append(PostgresStatement("BEGIN"))
                    pending.append(PostgresStatement("SELECT set_config('app.tenant_id', $1, true)", [tenantID]))
                    let transaction = TransactionConnection(connection: connection, pendingWrites: pending)
                    let value = try work(transaction.repositories)
                    // A queued statement with a check must be checked before the commit makes it final.
                    if pending.hasChecks { _ = try transaction.run([]) }
                    let queued = pending.take()
                    try pending.translatingViolations { _ = try connection.commit(after: queued) }
                    return value
                }
            }
        }
    }

    /// Returns the tenant's events in the outbox, oldest first, whether published or not.
    public func events(tenantID: UUID) throws -> [OrderEvent] {
        try database.withConnection { connection in
            try connection.query(
                """
                SELECT id, type, tenant_id, occurred_at, version, data::text AS data
                FROM ordering.outbox WHERE tenant_id = $1 ORDER BY sequence
                """, [tenantID]
            ).map(PostgresOrderEventSink.event)
        }
    }
}

/// An `OrderStore` inside a transaction that is already open, such as the one in which an event
/// consumer records the event it handles, so that the handling and that record commit together.
///
/// Each `transaction` call runs in a savepoint: when `work` throws, its changes are rolled back
/// and the outer transaction continues. Only calls for the outer transaction's tenant are allowed.
struct SavepointOrderStore: OrderStore {
    let database: TransactionConnection
    let tenantID: UUID

    func transaction<Value: Sendable>(tenantID: UUID, _ work: (OrderTransaction) throws -> Value) throws -> Value {
        guard tenantID == self.tenantID else { throw OrderError.tenantMismatch() }
        try database.execute("SAVEPOINT order_change")
        do {
            let value = try work(database.repositories)
            try database.execute("RELEASE SAVEPOINT order_change")
            return value
        } catch {
            _ = try? database.execute("ROLLBACK TO SAVEPOINT order_change")
            _ = try? database.execute("RELEASE SAVEPOINT order_change")
            throw error
        }
    }
}
