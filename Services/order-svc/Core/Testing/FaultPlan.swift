import CommonKernel
import Synchronization

/// Failures armed ahead of time for the in-memory adapters, to test what happens when a
/// step of a use case fails.
public final class FaultPlan: Sendable {
    /// A step that can be made to fail.
    public enum Point: String, Sendable, CaseIterable {
        /// The commit of a transaction, after its work returned; nothing is stored.
        case commit
        /// The transaction commits, but the caller sees a failure, as after a lost connection.
        case commitResponseLost
        case insertCart, updateCart
        case allocateNumber, insertOrder, updateOrder
        case redeemDiscount, returnRedemption
        case beginAttempt, completeAttempt, markAbandoning, deleteAttempt
        case appendEvent
        case readVariants, reserveStock, releaseStock, commitStock
        /// The stock is reserved, but the caller sees a failure, as after a lost response.
        case reserveStockResponseLost
    }

    /// The calls at one point still to let through, then still to fail.
    private struct Countdown {
        var passes = 0
        var failures = 0
    }

    private let remaining = Mutex<[Point: Countdown]>([:])

    public init() {}

    /// Makes `times` calls at `point` throw `AppError(.unavailable, code: "test.fault")`, after
    /// letting the next `skipping` calls there succeed.
    public func arm(_ point: Point, times: Int = 1, skipping: Int = 0) {
        remaining.withLock { $0[point] = Countdown(passes: skipping, failures: times) }
    }

    /// Removes every armed failure.
    public func disarmAll() {
        remaining.withLock { $0.removeAll() }
    }

    /// Returns whether failures are still armed at `point`.
    public func isArmed(_ point: Point) -> Bool {
        remaining.withLock { ($0[point]?.failures ?? 0) > 0 }
    }

    /// Throws the injected failure when one is armed at `point`, using it up.
    func check(_ point: Point) throws {
        let fires = remaining.withLock { counts -> Bool in
            guard var countdown = counts[point], countdown.failures > 0 else { return false }
            if countdown.passes > 0 {
                countdown.passes -= 1
                counts[point] = countdown
                return false
            }
            countdown.failures -= 1
            counts[point] = countdown
            return true
        }
        if fires {
            throw AppError(.unavailable, code: "test.fault", detail: "Injected failure at \(point.rawValue).")
        }
    }
}
