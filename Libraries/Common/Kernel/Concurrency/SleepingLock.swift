#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a pthread mutex, whose waiters sleep at once.
///
/// `Synchronization.Mutex` spins for a while before it sleeps, which pays off when the holder
/// runs on another core. With two cores and a dozen request threads, the holder of a lock taken
/// on every request, such as a connection pool's, is often preempted. The spinning waiters then
/// use the CPU time that the holder needs. In a profile of catalog-svc's product list, the pool's
/// `Mutex` took 3.6% of the samples in its slow path. Use this type for such locks, and keep
/// `Mutex` for state that threads seldom share (`ThreadShardedState`).
public final class SleepingLock<State>: @unchecked Sendable {
    // Allocated once, so that the mutex never moves while threads use it.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Read and written only while `mutex` is held.
    private var state: State

    public init(_ state: State) {
        self.state = state
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
