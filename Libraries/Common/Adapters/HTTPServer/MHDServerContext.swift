import CMicroHTTPD
import CommonKernel
import Synchronization

/// The object libmicrohttpd's callbacks reach through their `void *` context: it starts and ends
/// requests, counts the ones in flight and hands complete requests to the pipeline, on the
/// polling thread or, for blocking routes, on `blockingPool`.
final class MHDServerContext: Sendable {
    let pipeline: RequestPipeline
    let metrics: MetricsRegistry
    let logger: Logger
    /// The threads that run blocking routes' handlers. When nil, every handler runs on the thread
    /// that polls its connection, which the thread-per-connection model needs.
    let blockingPool: BlockingHandlerPool?
    /// The requests whose connection is suspended, by identity, for `abandonSuspendedRequests`.
    let suspendedRequests = Mutex<[ObjectIdentifier: SuspendedRequest]>([:])
    private let inFlight = Atomic<Int>(0)

    init(pipeline: RequestPipeline, metrics: MetricsRegistry, logger: Logger, blockingPool: BlockingHandlerPool?) {
        self.pipeline = pipeline
        self.metrics = metrics
        self.logger = logger
        self.blockingPool = blockingPool
    }

    /// Requests whose headers have arrived and whose completion has not yet been reported.
    var requestsInFlight: Int { inFlight.load(ordering: .acquiring) }

    /// Allocates the state of a request whose headers just arrived, retained for libmicrohttpd.
    func beginRequest() -> UnsafeMutableRawPointer {
        inFlight.add(1, ordering: .relaxed)
        return Unmanaged.passRetained(MHDRequestState(maxBodyBytes: pipeline.maxBodyBytes)).toOpaque()
    }

    /// Releases the state made by `beginRequest`, whether the request finished or was aborted.
    func endRequest(_ state: UnsafeMutableRawPointer) {
        Unmanaged<MHDRequestState>.fromOpaque(state).release()
        inFlight.subtract(1, ordering: .releasing)
    }

    /// Builds the response to a request whose body is complete and queues it on the connection,
    /// or, for a blocking route, suspends the connection and leaves the response to the pool.
    /// libmicrohttpd calls again after the resume, and the kept response is queued then.
    func finishRequest(
        on connection: OpaquePointer, method: String, path: String, state: MHDRequestState
    ) -> MHD_Result {
        if let suspended = state.suspended {
            return queueKeptResponse(of: suspended, on: connection)
        }
        var request = MHDConnection.request(on: connection, method: method, path: path)
        request.body = state.body

        guard let blockingPool, !state.bodyTooLarge else {
            let response = pipeline.respond(to: request, bodyTooLarge: state.bodyTooLarge, startedAt: state.startedAt)
            return queue(response, on: connection)
        }
        let match = pipeline.match(request)
        if case .found(_, _, _, blocking: true) = match {
            offload(request, match: match, state: state, connection: connection, pool: blockingPool)
            return .YES
        }
        return queue(pipeline.respond(to: request, match: match, startedAt: state.startedAt), on: connection)
    }

    func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        let queued = MHDConnection.queue(response, on: connection)
        if queued == .NO {
            // libmicrohttpd closes the connection, so the client sees no response at all.
            logger.warning("response not queued", ["status": String(response.status)])
        }
        return queued
    }

    func connectionOpened() {
        metrics.increment("http_connections_total", help: "TCP connections accepted by the HTTP server.")
    }
}
