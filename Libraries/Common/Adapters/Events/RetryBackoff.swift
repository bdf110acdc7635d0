import FoundationEssentials
import Glibc

/// Backoff and outage bookkeeping for a loop that retries a failing dependency, so that it logs
/// one warning when an outage begins and one line when it ends, not one per attempt.
struct RetryBackoff: Sendable {
    let initialDelay: Double
    let maximumDelay: Double
    private(set) var consecutiveFailures = 0

    init(initialDelay: Double = 0.05, maximumDelay: Double = 1) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// The seconds to wait before the next attempt: 0 after a success, else doubling from
    /// `initialDelay` with each consecutive failure, up to `maximumDelay`.
    var delay: Double {
        guard consecutiveFailures > 0 else { return 0 }
        let doublings = Double(min(consecutiveFailures - 1, 30))
        return min(maximumDelay, initialDelay * pow(2, doublings))
    }

    /// Records a failed attempt and returns true when it begins an outage.
    mutating func recordFailure() -> Bool {
        consecutiveFailures += 1
        return consecutiveFailures == 1
    }

    /// Records a successful attempt and returns true when it ends an outage.
    mutating func recordSuccess() -> Bool {
        defer { consecutiveFailures = 0 }
        return consecutiveFailures > 0
    }
}
