import CommonKernel
import Dispatch
import Synchronization

/// A connection that `ConnectionPool` can hand out again after use.
protocol PooledConnection: AnyObject {
    /// True when the connection is in a clean state to go back into the pool.
    var isReusable: Bool { get }
    /// Checks an idle connection before it is handed out and reconnects it if the server
    /// closed it. Throws when reconnecting fails.
    func prepareForReuse() throws
}

/// The reason that `ConnectionPool.checkout` failed.
enum ConnectionPoolError: Error {
    case timedOut(seconds: Double)
    case closed
    case connectFailed(any Error)
}

/// A fixed number of connections, opened on first use and lent to one thread at a time.
///
/// `checkout` blocks until a connection is free or the timeout passes. A connection that is no
/// longer reusable when it comes back is dropped, and its slot opens a new one on demand, so the
/// pool heals after a server restart. Shared by the PostgreSQL and Redis adapters.
final class ConnectionPool<Connection: PooledConnection>: Sendable {
    // Each idle connection sits in this list or is lent to exactly one thread, never both.
    private struct Idle: @unchecked Sendable {
        let connection: Connection
    }

    // One permit per slot. The semaphore starts at zero and is signalled `size` times, because
    // libdispatch traps when a semaphore is freed below its initial value.
    private let permits = DispatchSemaphore(value: 0)
    private let idle = SleepingLock<[Idle]>([])
    private let isClosed = Atomic<Bool>(false)
    private let checkoutTimeout: Double
    private let connect: @Sendable () throws -> Connection
    private let logger: Logger

    init(size: Int, checkoutTimeout: Double, logger: Logger, connect: @escaping @Sendable () throws -> Connection) {
        precondition(size > 0, "a connection pool needs at least one connection")
        self.checkoutTimeout = checkoutTimeout
        self.connect = connect
        self.logger = logger
        for _ in 0..<size { permits.signal() }
    }

    /// Lends a connection to `body` and takes it back afterwards, whether or not `body` throws.
    ///
    /// When no connection can be had, throws what `unavailable` makes of the checkout failure.
    func withConnection<T>(
        unavailable: (ConnectionPoolError) -> any Error, _ body: (Connection) throws -> T
    ) throws -> T {
        let connection: Connection
        do {
            connection = try checkout()
        } catch {
            throw unavailable(error)
        }
        defer { checkin(connection) }
        return try body(connection)
    }

    func checkout() throws(ConnectionPoolError) -> Connection {
        guard !isClosed.load(ordering: .acquiring) else { throw .closed }
        guard permits.wait(timeout: .now() + checkoutTimeout) == .success else {
            throw .timedOut(seconds: checkoutTimeout)
        }
        do {
            return try idleOrNewConnection()
        } catch {
            permits.signal()
            throw .connectFailed(error)
        }
    }

    func checkin(_ connection: Connection) {
        if !isClosed.load(ordering: .acquiring) && connection.isReusable {
            idle.withLock { $0.append(Idle(connection: connection)) }
        } else {
            logger.debug("pooled connection dropped")
        }
        permits.signal()
    }

    /// Closes the idle connections and makes further checkouts fail. Lent connections close
    /// when they come back.
    func close() {
        isClosed.store(true, ordering: .releasing)
        let dropped = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle.count
        }
        logger.debug("connection pool closed", ["idle_connections": String(dropped)])
    }

    private func idleOrNewConnection() throws -> Connection {
        guard !isClosed.load(ordering: .acquiring) else { throw ConnectionPoolError.closed }
        if let reused = idle.withLock({ $0.popLast() }) {
            try reused.connection.prepareForReuse()
            return reused.connection
        }
        let connection = try connect()
        logger.debug("pooled connection opened")
        return connection
    }
}
