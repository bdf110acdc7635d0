import CommonKernel

/// Exact proportional shares of minor units, the one place where totals divide.
enum Proportion {
    /// Returns `amount × numerator / denominator` rounded half-even, computed on 128 bits so no
    /// intermediate product can overflow.
    ///
    /// Throws `money.overflow` when the result does not fit in 64 bits.
    /// - Precondition: `amount` and `numerator` are not negative, and `denominator` is positive.
    static func share(of amount: Int64, times numerator: Int64, over denominator: Int64) throws -> Int64 {
        precondition(amount >= 0 && numerator >= 0 && denominator > 0, "Proportion.share needs non-negative inputs")
        let divisor = UInt64(denominator)
        let (high, low) = UInt64(amount).multipliedFullWidth(by: UInt64(numerator))
        guard high < divisor else { throw overflow() }

        var (quotient, remainder) = divisor.dividingFullWidth((high, low))
        let rest = divisor - remainder
        if remainder > rest || (remainder == rest && quotient % 2 == 1) { quotient += 1 }
        guard quotient <= UInt64(Int64.max) else { throw overflow() }
        return Int64(quotient)
    }

    private static func overflow() -> AppError {
        AppError(
            .invalidInput, code: "money.overflow",
            detail: "The amount is too large: a proportional share exceeds the representable range.")
    }
}
