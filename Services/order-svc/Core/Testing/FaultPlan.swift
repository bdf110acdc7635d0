import CommonKernel
import Synchronization

/// Failures armed ahead of time for the in-memory adapters, to test what happens when a
/// step of a use case fails.
public final class FaultPlan: Sendable {
    /// A step that can be made to fail.
    public enum Point: String, Sendable, CaseIterable {
        /// The commit of a transaction, after its work returned; nothing is stored.
        case commit
        case insertCart, updateCart
        case allocateNumber, insertOrder, updateOrder
        case redeemDiscount, returnRedemption
        case beginAttempt, completeAttempt, markAbandoning, deleteAttempt
        case appendEvent
        case readVariants, reserveStock, releaseStock, commitStock
        /// The stock is reserved, but the caller sees a failure, as after a lost response.
        case reserveStockResponseLost
    }

    private let remaining = Mutex<[Point: Int]>([:])

    public init() {}

    /// Makes the next `times` calls at `point` throw `AppError(.unavailable, code: "test.fault")`.
    public func arm(_ point: Point, times: Int = 1) {
        remaining.withLock { $0[point, default: 0] += times }
    }

    /// Removes every armed failure.
    public func disarmAll() {
        remaining.withLock { $0.removeAll() }
    }

    /// Returns whether failures are still armed at `point`.
    public func isArmed(_ point: Point) -> Bool {
        remaining.withLock { ($0[point] ?? 0) > 0 }
    }

    /// Throws the injected failure when one is armed at `point`, using it up.
    func check(_ point: Point) throws {
        let fires = remaining.withLock { counts -> Bool in
            guard let count = counts[point], count > 0 else { return false }
            counts[point] = count - 1
            return true
        }
        if fires {
            throw AppError(.unavailable, code: "test.fault", detail: "Injected failure at \(point.rawValue).")
        }
    }
}
