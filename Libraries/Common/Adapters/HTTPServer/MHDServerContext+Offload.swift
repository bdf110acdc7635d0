import CMicroHTTPD
import CommonKernel

extension MHDServerContext {
    /// Seconds a client is asked to wait, in `Retry-After`, when the blocking-handler queue is full.
    static let busyRetryAfterSeconds = 1

    /// Suspends the connection and queues the request's whole pipeline on `pool`. When the queue
    /// is full, or the server is shutting down, the kept response is a 503 instead and the
    /// connection is resumed at once.
    func offload(
        _ request: HTTPRequest, match: Router.Match, state: MHDRequestState, connection: OpaquePointer,
        pool: BlockingHandlerPool
    ) {
        let suspended = SuspendedRequest(connection: connection)
        state.suspended = suspended
        suspendedRequests.withLock { $0[ObjectIdentifier(suspended)] = suspended }
        // Suspending before the job is queued keeps a fast job from resuming a running connection.
        MHD_suspend_connection(connection)

        let startedAt = state.startedAt
        let admission = pool.submit(urgent: pipeline.isUrgent(match)) { [self] in
            complete(suspended, with: pipeline.respond(to: request, match: match, startedAt: startedAt))
        }
        if admission != .queued {
            let busy = pipeline.respondBusy(
                to: request, match: match, retryAfterSeconds: Self.busyRetryAfterSeconds,
                shuttingDown: admission == .stopped, startedAt: startedAt)
            complete(suspended, with: busy)
        }
    }

    /// Queues the response that a pool thread kept, once libmicrohttpd calls back after the resume.
    /// Returns MHD_NO, which closes the connection, for a request abandoned at shutdown.
    func queueKeptResponse(of suspended: SuspendedRequest, on connection: OpaquePointer) -> MHD_Result {
        switch suspended.current {
        case .finished(let response):
            return queue(response, on: connection)
        case .abandoned:
            return .NO
        case .running:
            // Only a resume makes libmicrohttpd call back, and every resume leaves this phase.
            logger.error("suspended request called back before its response was ready")
            return .NO
        }
    }

    /// Stops the blocking-handler pool and resumes every connection still suspended, without a
    /// response, because libmicrohttpd 0.9.75 must not be stopped while any connection is
    /// suspended. Returns the number of requests abandoned.
    func abandonSuspendedRequests() -> Int {
        blockingPool?.stop()
        let remaining = suspendedRequests.withLock { requests in
            defer { requests = [:] }
            return Array(requests.values)
        }
        return remaining.filter { $0.abandon() }.count
    }

    private func complete(_ suspended: SuspendedRequest, with response: HTTPResponse) {
        suspended.finish(with: response)
        suspendedRequests.withLock { $0[ObjectIdentifier(suspended)] = nil }
    }
}
