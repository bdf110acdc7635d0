import FoundationEssentials

/// An exact amount of money: a whole number of minor units in one currency.
///
/// Arithmetic throws instead of trapping: on overflow `AppError(.invalidInput, code:
/// "money.overflow")`, and when two currencies meet `AppError(.invalidInput, code:
/// "money.currency_mismatch")`. Amounts of different currencies are unequal and never ordered.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The amount in the currency's minor unit, such as poisha for BDT or fils for KWD.
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    public var isNegative: Bool { minorUnits < 0 }

    /// The amount as a decimal string in major units with exactly the currency's decimals,
    /// such as "1250.00" for BDT, "1250" for JPY or "-18.600" for KWD.
    public var formatted: String {
        let exponent = currency.minorUnitExponent
        let digits = String(minorUnits.magnitude)
        let sign = minorUnits < 0 ? "-" : ""
        guard exponent > 0 else { return sign + digits }

        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -exponent)
        return sign + padded[..<split] + "." + padded[split...]
    }

    public var description: String { "\(formatted) \(currency.code)" }

    /// The sum of two amounts of the same currency.
    public func adding(_ other: Money) throws -> Money {
        try requireSameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        if overflow { throw Money.overflowError("adding \(other) to \(self)") }
        return Money(minorUnits: sum, currency: currency)
    }

    /// The difference of two amounts of the same currency; it may be negative.
    public func subtracting(_ other: Money) throws -> Money {
        try requireSameCurrency(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        if overflow { throw Money.overflowError("subtracting \(other) from \(self)") }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The amount times a whole factor, such as a line's unit price times its quantity.
    public func multiplied(by factor: Int) throws -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(factor))
        if overflow { throw Money.overflowError("multiplying \(self) by \(factor)") }
        return Money(minorUnits: product, currency: currency)
    }

    /// The given share of the amount in basis points (1/100 of a percent, so 1500 is 15%),
    /// rounded once on minor units with `rounding`.
    public func percentage(basisPoints: Int, rounding: Rounding) throws -> Money {
        let (scaled, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(basisPoints))
        if overflow { throw Money.overflowError("taking \(basisPoints) basis points of \(self)") }
        return Money(minorUnits: rounding.divide(scaled, by: 10_000), currency: currency)
    }

    /// Orders two amounts of the same currency; throws `money.currency_mismatch` otherwise.
    public func compare(_ other: Money) throws -> ComparisonResult {
        try requireSameCurrency(other)
        if minorUnits < other.minorUnits { return .orderedAscending }
        if minorUnits > other.minorUnits { return .orderedDescending }
        return .orderedSame
    }

    /// Whether this amount is smaller than `other`; throws `money.currency_mismatch` across currencies.
    public func isLess(than other: Money) throws -> Bool {
        try compare(other) == .orderedAscending
    }

    private func requireSameCurrency(_ other: Money) throws {
        guard currency == other.currency else {
            throw AppError(
                .invalidInput, code: "money.currency_mismatch",
                detail: "Amounts in \(currency.code) and \(other.currency.code) cannot be combined or compared.")
        }
    }

    private static func overflowError(_ operation: String) -> AppError {
        AppError(
            .invalidInput, code: "money.overflow",
            detail: "The amount is too large: \(operation) exceeds the representable range.")
    }
}
