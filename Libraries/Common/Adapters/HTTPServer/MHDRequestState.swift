/// The state of one request between libmicrohttpd's calls: its arrival time, the body read
/// so far and, for a blocking route, the suspended request that keeps its response.
///
/// libmicrohttpd calls back for one connection from one thread at a time, so the state of a request
/// is never touched by two threads at once. A pool thread reaches only `suspended`.
final class MHDRequestState {
    let startedAt = ContinuousClock.now
    /// Set when the request's handler runs on the blocking-handler pool.
    var suspended: SuspendedRequest?
    private(set) var body: [UInt8] = []
    /// Whether the body passed the limit; its bytes were then dropped and later ones are ignored.
    private(set) var bodyTooLarge = false
    private let maxBodyBytes: Int

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Appends a chunk of the body, or discards it once the body is over the limit.
    func appendBody(_ chunk: UnsafeRawBufferPointer) {
        // NOTE: an oversized body is still read to its end, which keeps the connection usable after
        // the 413. A client can thus make the server read a large body, because the connection
        // timeout bounds only idle time.
        guard !bodyTooLarge else { return }
        guard body.count + chunk.count <= maxBodyBytes else {
            bodyTooLarge = true
            body = []
            return
        }
        body.append(contentsOf: chunk)
    }
}
