import CommonKernel
import Dispatch
import FoundationEssentials
import Synchronization

/// A fixed set of threads that run the handlers of blocking routes, fed by a bounded queue, so
/// that libmicrohttpd's polling threads do not wait for those handlers.
final class BlockingHandlerPool: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        var queue: [Job] = []
        /// Urgent jobs waiting; they run before every job of `queue`.
        var urgentQueue: [Job] = []
        /// Jobs taken from the queue and not yet finished.
        var running = 0
        var stopped = false
    }

    private let state = Mutex(State())
    /// Counts the jobs queued and, after `stop`, one wake-up per thread.
    private let wakeUps = DispatchSemaphore(value: 0)
    private let threadCount: Int
    private let queueLimit: Int

    /// Starts `threads` threads (at least 1). At most `queueLimit` jobs wait for a free thread.
    init(threads: Int, queueLimit: Int) {
        threadCount = max(threads, 1)
        self.queueLimit = max(queueLimit, 0)
        for number in 1...threadCount {
            WorkerThread.start(name: "http-blocking-\(number)") { [self] in runJobs() }
        }
    }

    /// The urgent jobs that may wait at once, on top of `queueLimit` ordinary ones.
    static let urgentQueueLimit = 16

    /// Whether `submit` queued a job, and why not when it did not.
    enum Admission: Equatable {
        case queued
        /// The job's queue was at its limit.
        case full
        /// The pool stopped, because the server is shutting down.
        case stopped
    }

    /// Queues `job`, or returns why it did not: `full` when `queueLimit` jobs already wait for a
    /// free thread, `stopped` after `stop()`. An `urgent` job, such as a health check, goes ahead
    /// of the ordinary jobs and counts against `urgentQueueLimit` instead, so that a flood of
    /// logins neither turns it away nor keeps it waiting behind them.
    func submit(urgent: Bool = false, _ job: @escaping Job) -> Admission {
        let admission = state.withLock { state -> Admission in
            guard !state.stopped else { return .stopped }
            if urgent {
                guard state.urgentQueue.count < Self.urgentQueueLimit else { return .full }
                state.urgentQueue.append(job)
                return .queued
            }
            guard state.queue.count + state.running < threadCount + queueLimit else { return .full }
            state.queue.append(job)
            return .queued
        }
        if admission == .queued { wakeUps.signal() }
        return admission
    }

    /// Rejects new jobs and drops the queued ones. Running jobs finish, then their threads end.
    func stop() {
        let wasStopped = state.withLock { state in
            defer {
                state.stopped = true
                state.queue = []
                state.urgentQueue = []
            }
            return state.stopped
        }
        guard !wasStopped else { return }
        for _ in 0..<threadCount { wakeUps.signal() }
    }

    private func runJobs() {
        while true {
            wakeUps.wait()
            // Before `stop`, each wake-up matches one queued job, so the queue is not empty here.
            let job = state.withLock { state -> Job? in
                guard !state.stopped else { return nil }
                state.running += 1
                return state.urgentQueue.isEmpty ? state.queue.removeFirst() : state.urgentQueue.removeFirst()
            }
            guard let job else { return }
            job()
            state.withLock { $0.running -= 1 }
        }
    }
}
