import CMicroHTTPD
import CommonKernel
import Synchronization

/// The object libmicrohttpd's callbacks reach through their `void *` context: it starts and ends
/// requests, counts the ones in flight and hands complete requests to the pipeline.
final class MHDServerContext: Sendable {
    let pipeline: RequestPipeline
    let metrics: MetricsRegistry
    let logger: Logger
    private let inFlight = Atomic<Int>(0)

    init(pipeline: RequestPipeline, metrics: MetricsRegistry, logger: Logger) {
        self.pipeline = pipeline
        self.metrics = metrics
        self.logger = logger
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

    /// Builds the response to a request whose body is complete and queues it on the connection.
    func finishRequest(
        on connection: OpaquePointer, method: String, path: String, state: MHDRequestState
    ) -> MHD_Result {
        var request = MHDConnection.request(on: connection, method: method, path: path)
        request.body = state.body
        let response = pipeline.respond(to: request, bodyTooLarge: state.bodyTooLarge, startedAt: state.startedAt)

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
