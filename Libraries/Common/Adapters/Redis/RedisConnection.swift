import CHiredis
import FoundationEssentials
import Glibc

/// One hiredis connection, used by one thread at a time.
///
/// Any I/O failure marks the connection broken, because hiredis cannot resynchronize a
/// context after a partial read or a timeout.
final class RedisConnection {
    private let endpoint: RedisEndpoint
    private let connectTimeout: Double
    private let socketTimeout: Double
    private var context: UnsafeMutablePointer<redisContext>
    private(set) var isBroken = false

    /// Connects, authenticates and selects the database. Throws `RedisError(.connection)` when
    /// the server cannot be reached within `connectTimeout` seconds.
    init(endpoint: RedisEndpoint, connectTimeout: Double, socketTimeout: Double) throws {
        _ = sigpipeIgnored
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.socketTimeout = socketTimeout
        context = try Self.open(endpoint, connectTimeout: connectTimeout, socketTimeout: socketTimeout)
        try runHandshake()
    }

    deinit {
        redisFree(context)
    }

    var descriptor: Int32 { context.pointee.fd }

    /// Sends one command and returns its reply. An error reply throws `RedisError(.reply)`.
    func command(_ arguments: [[UInt8]]) throws -> RedisReply {
        guard !arguments.isEmpty else { throw RedisError(.invalidRequest, "a command needs at least its name") }
        let raw = RedisArguments.withArgv(arguments) { count, argv, lengths in
            redisCommandArgv(context, count, argv, lengths)
        }
        return try take(raw)
    }

    /// Queues one command and writes it out without waiting for the reply.
    func send(_ arguments: [[UInt8]]) throws {
        guard !arguments.isEmpty else { throw RedisError(.invalidRequest, "a command needs at least its name") }
        let appended = RedisArguments.withArgv(arguments) { count, argv, lengths in
            redisAppendCommandArgv(context, count, argv, lengths)
        }
        guard appended == REDIS_OK else { throw brokenConnectionError() }
        var done: Int32 = 0
        repeat {
            guard redisBufferWrite(context, &done) == REDIS_OK else { throw brokenConnectionError() }
        } while done == 0
    }

    /// Returns the next reply, or nil when no data arrives within `timeout` seconds.
    func nextReply(timeout: Double) throws -> RedisReply? {
        if let reply = try bufferedReply() { return reply }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        guard ready != 0 else { return nil }
        guard ready > 0, redisBufferRead(context) == REDIS_OK else { throw brokenConnectionError() }
        return try bufferedReply()
    }

    /// Replaces the context with a new connection to the same endpoint.
    func reconnect() throws {
        let fresh = try Self.open(endpoint, connectTimeout: connectTimeout, socketTimeout: socketTimeout)
        redisFree(context)
        context = fresh
        isBroken = false
        try runHandshake()
    }

    private func runHandshake() throws {
        for command in endpoint.handshake {
            _ = try self.command(command.map { Array($0.utf8) })
        }
    }

    private func bufferedReply() throws -> RedisReply? {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReplyFromReader(context, &raw) == REDIS_OK else { throw brokenConnectionError() }
        guard let raw else { return nil }
        return try take(raw)
    }

    /// Converts and frees a reply from hiredis. A NULL reply means that the connection failed.
    private func take(_ raw: UnsafeMutableRawPointer?) throws -> RedisReply {
        guard let raw else { throw brokenConnectionError() }
        defer { freeReplyObject(raw) }
        let reply = RedisReply(raw.assumingMemoryBound(to: redisReply.self))
        if case .error(let message) = reply { throw RedisError(.reply, message) }
        return reply
    }

    private func brokenConnectionError() -> RedisError {
        isBroken = true
        return RedisError(.connection, Self.errorText(context))
    }
}
