import CommonKernel

/// A pool of Redis connections for request and reply commands.
///
/// Connections open on first use, so creating a client never fails. When no connection can be
/// had (Redis is unreachable, the URL is invalid, or all connections stay busy for 5 seconds),
/// calls throw `AppError(.unavailable, code: "redis.unavailable")`. A connection that failed
/// is dropped and an idle one that Redis closed is reopened, so the client heals after a Redis
/// restart.
///
/// Calls block their thread. A blocking command such as `XREADGROUP … BLOCK` must block for less
/// than `socketTimeout`, or the read times out and the connection is dropped.
public final class RedisClient: Sendable {
    private let connections: ConnectionPool<RedisConnection>
    private let logger: Logger

    /// Creates a client for `url` of the form `redis://[[user]:password@]host[:port][/database]`.
    ///
    /// `socketTimeout` is the limit in seconds for each read and write. Connecting may take up to
    /// 2 seconds.
    public init(url: String, logger: Logger, poolSize: Int = 4, socketTimeout: Double = 10) {
        self.logger = logger
        let endpoint = Result { try RedisEndpoint(url: url) }
        connections = ConnectionPool(size: max(1, poolSize), checkoutTimeout: 5, logger: logger) {
            try RedisConnection(endpoint: endpoint.get(), connectTimeout: 2, socketTimeout: socketTimeout)
        }
    }

    /// Sends a command given as UTF-8 strings, such as `["SET", key, value]`, and returns its reply.
    ///
    /// Throws `RedisError(.reply)` for an error reply, `RedisError(.connection)` when the
    /// connection breaks during the command, and `AppError(.unavailable)` as described above.
    @discardableResult
    public func command(_ arguments: [String]) throws -> RedisReply {
        try command(bytes: arguments.map { Array($0.utf8) })
    }

    /// Sends a command whose arguments are arbitrary bytes and returns its reply. Throws like
    /// `command(_:)`.
    @discardableResult
    public func command(bytes arguments: [[UInt8]]) throws -> RedisReply {
        try connections.withConnection(unavailable: unavailable) { connection in
            try connection.command(arguments)
        }
    }

    /// Sends PING for readiness checks. Throws when Redis does not reply PONG.
    public func ping() throws {
        let reply = try command(["PING"])
        guard reply == .status("PONG") else { throw RedisError(.unexpectedReply, "PING returned \(reply)") }
    }

    /// Closes idle connections now and the others when they are returned. Later calls throw
    /// `redis.unavailable`.
    public func close() {
        connections.close()
    }

    private func unavailable(_ error: ConnectionPoolError) -> AppError {
        let detail: String
        switch error {
        case .timedOut(let seconds): detail = "No Redis connection became free within \(NumberText.plain(seconds)) seconds."
        case .closed: detail = "The Redis client is closed."
        case .connectFailed(let cause as RedisError) where cause.kind == .invalidRequest: detail = "The Redis URL is invalid."
        case .connectFailed: detail = "Redis is unreachable."
        }
        logger.warning("redis unavailable", ["error": String(reflecting: error)])
        return AppError(.unavailable, code: "redis.unavailable", detail: detail)
    }
}
