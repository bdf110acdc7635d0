import CMicroHTTPD
import CommonKernel
import FoundationEssentials
import Glibc
import Synchronization

/// An HTTP/1.1 server on libmicrohttpd that routes every request to a handler through a `Router`.
///
/// Each request gets an id (the client's valid `X-Request-ID` or a new UUID) returned in
/// `X-Request-ID`, a `RequestContext` whose logger carries it, one access log line at info level
/// and an entry in `metrics` under its route pattern. Handler errors become problem documents:
/// `AppError` by its kind, `DecodingError` as 422 naming the field, anything else as a generic 500
/// whose detail is logged at error level. A body over the limit gets 413.
///
/// In the pool model, the handlers of routes added with `blocking: true` run on a separate pool of
/// `blockingThreads` threads while libmicrohttpd keeps their connections suspended, so that they do
/// not hold a polling thread. When `blockingQueueLimit` requests already wait for that pool, a
/// further one gets 503 with `Retry-After`.
public final class MicroHTTPServer: Sendable {
    private struct Running {
        var daemon: OpaquePointer
        var listener: Int32
    }

    private struct State {
        var running: Running?
        var started = false
        var port: Int
    }

    private let configuration: HTTPServerConfiguration
    // Only the running daemon reaches the context; `shutdown` or `deinit` stops the daemon
    // before this property is released.
    private let context: MHDServerContext
    private let logger: Logger
    private let state: Mutex<State>

    public init(
        configuration: HTTPServerConfiguration, router: Router, tenancy: RequestTenancy?,
        metrics: MetricsRegistry, logger: Logger
    ) {
        let pipeline = RequestPipeline(
            router: router, tenancy: tenancy, metrics: metrics, logger: logger,
            maxBodyBytes: configuration.maxBodyBytes)
        self.configuration = configuration
        self.context = MHDServerContext(
            pipeline: pipeline, metrics: metrics, logger: logger,
            blockingPool: Self.blockingPool(configuration, router: router))
        self.logger = logger
        self.state = Mutex(State(port: configuration.port))
    }

    deinit {
        shutdown(gracePeriod: 0)
    }

    /// Binds the configured address and starts serving on libmicrohttpd's threads, then returns.
    /// Throws `internal` when the address cannot be bound, the daemon does not start, or the
    /// server was started before.
    public func start() throws {
        try state.withLock { state in
            guard !state.started else {
                throw AppError(.internal, code: "server.already_started", detail: "The HTTP server was already started.")
            }
            let socket = try ListeningSocket.open(
                host: configuration.host, port: configuration.port, backlog: Int32(min(configuration.maxConnections, 4096)))
            guard let daemon = Self.startDaemon(configuration, listener: socket.descriptor, context: context) else {
                close(socket.descriptor)
                throw AppError(.internal, code: "server.start_failed", detail: "libmicrohttpd could not start the HTTP server; its logged error gives the reason.")
            }
            state = State(running: Running(daemon: daemon, listener: socket.descriptor), started: true, port: socket.port)
        }
        logger.info("server started", ["host": configuration.host, "port": String(port)])
    }

    /// The bound port once started; before that, the configured one.
    public var port: Int { state.withLock { $0.port } }

    /// Stops accepting (MHD_quiesce_daemon), waits up to `gracePeriod` for requests in flight to finish, then stops.
    ///
    /// Connection attempts are refused from the moment this is called. Requests in flight include
    /// those whose handler runs on the blocking-handler pool. When the grace period ends, the
    /// connections of handlers still running on that pool are closed, and the handlers finish
    /// unseen. MHD_stop_daemon then waits for handlers running on polling threads and closes every
    /// connection, so these clients get no response. Calling it again does nothing.
    public func shutdown(gracePeriod: TimeInterval) {
        guard let running = state.withLock({ state -> Running? in
            defer { state.running = nil }
            return state.running
        }) else {
            // A server never started has its blocking-handler threads all the same.
            _ = context.abandonSuspendedRequests()
            return
        }

        stopAccepting(running)
        let unfinished = waitForRequests(until: Date().addingTimeInterval(gracePeriod))
        _ = context.abandonSuspendedRequests()
        MHD_stop_daemon(running.daemon)
        close(running.listener)
        logger.info("server stopped", ["unfinished_requests": String(unfinished)])
    }

    /// Returns the pool for blocking handlers, or nil when no route blocks or each connection has
    /// its own thread, because libmicrohttpd cannot suspend connections in that model.
    private static func blockingPool(_ configuration: HTTPServerConfiguration, router: Router) -> BlockingHandlerPool? {
        guard case .pool = configuration.threadModel, router.hasBlockingRoutes else { return nil }
        return BlockingHandlerPool(threads: configuration.blockingThreads, queueLimit: configuration.blockingQueueLimit)
    }

    private func stopAccepting(_ running: Running) {
        _ = MHD_quiesce_daemon(running.daemon)
        // Quiescing only stops accept() calls, leaving new connections to queue in the backlog.
        // Shutting the listening socket down makes the kernel refuse them instead, and unlike
        // close() it keeps the descriptor valid while libmicrohttpd's threads still watch it.
        Glibc.shutdown(running.listener, Int32(SHUT_RDWR))
    }

    /// Returns the number of requests still in flight when it stopped waiting.
    private func waitForRequests(until deadline: Date) -> Int {
        while context.requestsInFlight > 0, Date() < deadline {
            usleep(5_000)
        }
        return context.requestsInFlight
    }
}
