/// Settings of `MicroHTTPServer`: where it listens, how it uses threads and the limits it enforces.
public struct HTTPServerConfiguration: Sendable {
    /// The way libmicrohttpd assigns threads to connections.
    public enum ThreadModel: Sendable {
        /// A fixed pool of threads, each polling its share of connections with epoll. A handler that
        /// blocks stalls every other connection of its thread, unless its route is marked blocking.
        case pool(threads: Int)
        /// One thread per connection, polled with poll(); suits handlers that block on the database.
        /// Blocking routes run on their connection's thread too.
        case threadPerConnection
    }

    /// The address to bind: an IPv4 or IPv6 literal or a host name.
    public var host: String
    /// The TCP port; 0 picks a free one, readable afterwards from `MicroHTTPServer.port`.
    public var port: Int
    public var threadModel: ThreadModel
    /// The maximum request body size in bytes; a larger body gets 413.
    public var maxBodyBytes: Int
    /// The maximum number of connections open at once; libmicrohttpd closes further ones right
    /// after accepting them.
    public var maxConnections: Int
    /// Seconds an idle keep-alive connection stays open.
    public var connectionTimeoutSeconds: Int
    /// Threads that run the handlers of blocking routes in the pool model.
    public var blockingThreads: Int
    /// The maximum number of blocking requests waiting for one of those threads; a further one gets 503.
    public var blockingQueueLimit: Int

    public init(
        host: String = "127.0.0.1", port: Int, threadModel: ThreadModel = .pool(threads: 16),
        maxBodyBytes: Int = 1 << 20, maxConnections: Int = 1024, connectionTimeoutSeconds: Int = 30,
        blockingThreads: Int = 8, blockingQueueLimit: Int = 64
    ) {
        self.host = host
        self.port = port
        self.threadModel = threadModel
        self.maxBodyBytes = maxBodyBytes
        self.maxConnections = maxConnections
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.blockingThreads = blockingThreads
        self.blockingQueueLimit = blockingQueueLimit
    }
}
