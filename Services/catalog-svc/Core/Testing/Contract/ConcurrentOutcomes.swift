import Synchronization

/// Counts the results of calls made from many threads at once.
final class ConcurrentOutcomes: Sendable {
    private struct Counts {
        var successes = 0
        var rejections = 0
        var unexpected: [String] = []
    }

    private let counts = Mutex(Counts())

    func record(success: Bool) {
        counts.withLock { success ? ($0.successes += 1) : ($0.rejections += 1) }
    }

    func record(unexpected error: Error) {
        counts.withLock { $0.unexpected.append(String(describing: error)) }
    }

    var successes: Int { counts.withLock { $0.successes } }
    var rejections: Int { counts.withLock { $0.rejections } }
    var unexpected: [String] { counts.withLock { $0.unexpected } }
}
