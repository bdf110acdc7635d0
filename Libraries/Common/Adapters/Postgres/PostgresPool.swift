import CommonKernel
import FoundationEssentials

/// A fixed-size pool of PostgreSQL connections with tenant-scoped transactions.
///
/// Connections open on first use, so creating a pool never fails. Checking one out waits at
/// most the checkout timeout (5 seconds by default) and then throws
/// `AppError(.unavailable, code: "database.unavailable")`, which is also thrown when the
/// server cannot be reached. Idle connections that the server closed are reconnected on
/// checkout, and a connection left inside a transaction or in an unknown state is discarded,
/// so the pool survives a server restart.
///
/// Calls block their thread: run them on threads of their own, never on Swift's cooperative
/// pool. Nesting two checkouts on one thread can wait for itself when the pool is small.
public final class PostgresPool: Sendable {
    private let connections: ConnectionPool<PostgresConnection>
    private let logger: Logger
    /// The server's URL, for adapters that need a session of their own, such as one that LISTENs.
    let url: String

    /// Creates a pool of `size` connections (at least 1) to `url`, anything `PQconnectdb`
    /// accepts, such as `postgresql:///commerce?host=/run/postgresql&user=commerce_app`.
    public convenience init(url: String, size: Int, logger: Logger) {
        self.init(url: url, size: size, logger: logger, checkoutTimeout: 5)
    }

    init(url: String, size: Int, logger: Logger, checkoutTimeout: Double) {
        self.logger = logger
        self.url = url
        connections = ConnectionPool(size: max(1, size), checkoutTimeout: checkoutTimeout, logger: logger) {
            try PostgresConnection(url: url, logger: logger)
        }
    }

    /// Runs `body` in a transaction in which `current_setting('app.tenant_id')` is `tenantID`,
    /// which row-level security policies compare with each row's `tenant_id`.
    ///
    /// Commits when `body` returns. When `body` throws, rolls back and rethrows its error.
    /// Throws `PostgresError` when a statement or the commit fails.
    @discardableResult
    public func withTenantTransaction<T>(_ tenantID: UUID, _ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try begin(on: connection) { try connection.beginTenantTransaction(tenantID) }
            return try connection.completeTransaction(body)
        }
    }

    /// Runs `body` in a transaction without a tenant, for platform tables such as tenants and
    /// plans. Rolls back and rethrows when `body` throws.
    @discardableResult
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try begin(on: connection) { try connection.beginTransaction() }
            return try connection.completeTransaction(body)
        }
    }

    /// Lends a connection to `body` outside any transaction, so each statement commits on its own.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try connections.withConnection(unavailable: unavailable, body)
    }

    /// Runs `SELECT 1` for readiness checks. Throws when the database is not reachable.
    public func ping() throws {
        try withConnection { connection in _ = try connection.query("SELECT 1") }
    }

    /// Closes idle connections now and the others when they are returned. Later calls throw
    /// `database.unavailable`.
    public func close() {
        connections.close()
    }

    /// Begins a transaction, reconnecting once when the server closed the connection since it
    /// was checked out. Nothing has run at that point, so the retry cannot repeat any work.
    func begin(on connection: PostgresConnection, _ begin: () throws -> Void) throws {
        do {
            try begin()
        } catch let error as PostgresError where error.isConnectionFailure {
            logger.warning("database connection lost, reconnecting", ["error": error.debugDescription])
            do {
                try connection.reconnect()
            } catch {
                throw unavailable(error)
            }
            try begin()
        }
    }

    private func unavailable(_ error: any Error) -> AppError {
        let detail: String
        switch error {
        case ConnectionPoolError.timedOut(let seconds):
            detail = "No database connection became free within \(NumberText.plain(seconds)) seconds."
        case ConnectionPoolError.closed:
            detail = "The database connection pool is closed."
        default:
            detail = "The database is unreachable."
        }
        logger.warning("database unavailable", ["error": String(reflecting: error)])
        return AppError(.unavailable, code: "database.unavailable", detail: detail)
    }
}
