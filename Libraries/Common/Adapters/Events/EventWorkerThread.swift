import CommonKernel
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

/// A named thread that runs one loop until `stop`, for the outbox relay and the consumers, whose
/// blocking libpq and hiredis calls must stay off Swift's cooperative pool.
final class EventWorkerThread: Sendable {
    private let name: String
    private let body: @Sendable (EventWorkerThread) -> Void
    private let isStopping = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let threadID = Mutex<pthread_t?>(nil)

    /// `body` runs once on the new thread and must return soon after `shouldStop` turns true.
    init(name: String, body: @escaping @Sendable (EventWorkerThread) -> Void) {
        self.name = name
        self.body = body
    }

    var shouldStop: Bool { isStopping.load(ordering: .acquiring) }

    func start() {
        WorkerThread.start(name: name) { [self] in
            threadID.withLock { $0 = pthread_self() }
            body(self)
            finished.signal()
        }
    }

    /// Asks the loop to end and waits up to `waitSeconds` for it, unless called from the loop
    /// itself. Returns false when the loop was still running at the deadline.
    @discardableResult
    func stop(waitSeconds: Double) -> Bool {
        isStopping.store(true, ordering: .releasing)
        wakeUp.signal()
        let onOwnThread = threadID.withLock { id in id.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
        guard !onOwnThread else { return false }
        return finished.wait(timeout: .now() + waitSeconds) == .success
    }

    /// Sleeps for `seconds`, or less when `stop` is called meanwhile.
    func pause(_ seconds: Double) {
        guard seconds > 0, !shouldStop else { return }
        _ = wakeUp.wait(timeout: .now() + seconds)
    }
}
