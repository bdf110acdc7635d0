import CMicroHTTPD
import CommonKernel
import Synchronization

/// A complete request whose connection libmicrohttpd has suspended while a pool thread builds the
/// response, which this object keeps until the connection's polling thread queues it.
///
/// Exactly one of `finish` and `abandon` resumes the connection. Whichever comes second leaves the
/// connection alone, because libmicrohttpd may have closed and freed it by then.
final class SuspendedRequest: @unchecked Sendable {
    enum Phase: Sendable {
        /// A pool thread is building the response or the job waits in the queue.
        case running
        /// The response is ready and the connection was resumed to send it.
        case finished(HTTPResponse)
        /// The server stopped waiting and resumed the connection without a response.
        case abandoned
    }

    // @unchecked Sendable: the pointer is only passed to MHD_resume_connection, which
    // libmicrohttpd 0.9.75 allows from any thread, and only once, under `phase`'s lock.
    private let connection: OpaquePointer
    private let phase = Mutex(Phase.running)

    /// Wraps `connection`, which the caller must suspend before any other thread can call
    /// `finish` or `abandon`.
    init(connection: OpaquePointer) {
        self.connection = connection
    }

    /// The current phase, which the polling thread reads once libmicrohttpd calls back after the resume.
    var current: Phase { phase.withLock { $0 } }

    /// Keeps `response` and resumes the connection, unless the request was abandoned.
    func finish(with response: HTTPResponse) {
        phase.withLock { phase in
            guard case .running = phase else { return }
            phase = .finished(response)
            MHD_resume_connection(connection)
        }
    }

    /// Resumes the connection without a response, so that libmicrohttpd can close it; does
    /// nothing when the response is already kept. Returns whether it resumed the connection.
    @discardableResult
    func abandon() -> Bool {
        phase.withLock { phase in
            guard case .running = phase else { return false }
            phase = .abandoned
            MHD_resume_connection(connection)
            return true
        }
    }
}
