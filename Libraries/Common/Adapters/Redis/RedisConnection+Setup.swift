import CHiredis
import Glibc

// hiredis 0.14 writes with write(2), which raises SIGPIPE when Redis has closed the socket,
// and SIGPIPE's default action ends the process. Ignoring it turns that into an EPIPE error.
let sigpipeIgnored: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()

extension RedisConnection {
    /// Opens a context with connect and socket timeouts, or throws `RedisError(.connection)`.
    static func open(
        _ endpoint: RedisEndpoint, connectTimeout: Double, socketTimeout: Double
    ) throws -> UnsafeMutablePointer<redisContext> {
        guard let context = redisConnectWithTimeout(endpoint.host, Int32(endpoint.port), timeval(seconds: connectTimeout))
        else { throw RedisError(.connection, "hiredis could not allocate a context") }

        guard context.pointee.err == 0, redisSetTimeout(context, timeval(seconds: socketTimeout)) == REDIS_OK else {
            let error = RedisError(.connection, errorText(context))
            redisFree(context)
            throw error
        }
        return context
    }

    static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { buffer in
            let text = buffer.prefix { $0 != 0 }
            return text.isEmpty ? "connection closed" : String(decoding: text, as: UTF8.self)
        }
    }
}

extension RedisConnection: PooledConnection {
    var isReusable: Bool { !isBroken }

    /// Reconnects when the idle socket is readable, which for a connection without
    /// subscriptions means that Redis closed it, for example while restarting.
    func prepareForReuse() throws {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) != 0 else { return }
        try reconnect()
    }
}

extension timeval {
    init(seconds: Double) {
        let whole = seconds.rounded(.down)
        self.init(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1_000_000))
    }
}
