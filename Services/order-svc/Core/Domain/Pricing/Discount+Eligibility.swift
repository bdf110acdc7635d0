import CommonKernel
import FoundationEssentials

extension Discount {
    /// Throws the reason the code cannot apply to an order with `subtotal` at `time`.
    ///
    /// Checked in this order: `discount.inactive` and `discount.not_started`, `discount.expired`
    /// (all invalid input on field `discount_code`), `discount.currency_mismatch` for a fixed
    /// amount in another currency, `discount.minimum_not_met` (with the minimum in the
    /// extension `minimum_subtotal`), and `discount.exhausted` (conflict) when the usage limit
    /// is reached. The redemption itself re-checks the limit atomically.
    public func checkEligibility(subtotal: Money, at time: Date) throws {
        if let rejection = validityRejection(at: time) { throw rejection }
        if case .fixed(let amount) = value, amount.currency != subtotal.currency {
            throw rejection(
                "discount.currency_mismatch", "is in \(amount.currency.code), not \(subtotal.currency.code)")
        }
        if let minimumSubtotal, try subtotal.isLess(than: minimumSubtotal) {
            var error = rejection(
                "discount.minimum_not_met", "needs a subtotal of at least \(minimumSubtotal.description)")
            error.extensions["minimum_subtotal"] = minimumSubtotal.jsonValue
            throw error
        }
        if !hasUsesLeft { throw OrderError.discountExhausted(code) }
    }

    /// Returns the error for a code that no order can use at `time` (`discount.inactive`,
    /// `discount.not_started` or `discount.expired`), or nil. Unlike the other checks it needs
    /// no subtotal, so a checkout can report it with the form's field errors.
    public func validityRejection(at time: Date) -> AppError? {
        if !isActive { return rejection("discount.inactive", "is not active") }
        if let startsAt, time < startsAt { return rejection("discount.not_started", "is not valid yet") }
        if let endsAt, time >= endsAt { return rejection("discount.expired", "has expired") }
        return nil
    }

    private func rejection(_ errorCode: String, _ reason: String) -> AppError {
        AppError(
            .invalidInput, code: errorCode, detail: "The discount code '\(code)' \(reason).",
            fieldErrors: [FieldError(field: "discount_code", message: reason, code: errorCode)])
    }
}
