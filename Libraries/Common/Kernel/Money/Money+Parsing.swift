import FoundationEssentials

extension Money {
    /// The largest number of integer digits a parsed amount may have, so under one trillion major
    /// units. Even in KWD that leaves room to multiply a price by quantities in the thousands.
    public static let maximumIntegerDigits = 12

    /// Parses a decimal string in major units, such as "1250.00" BDT, "1250" JPY or "18.600" KWD.
    ///
    /// Fewer decimals than the currency has are accepted ("12.5" is 1250 poisha). Rejected,
    /// each with `AppError(.invalidInput)` whose field error names `field`, states the problem
    /// and shows the expected form: an empty string, spaces, commas, exponents ("1e9"), a plus
    /// sign, a minus sign unless `allowsNegative`, more decimals than the currency has, any
    /// other character, and more than `maximumIntegerDigits` integer digits.
    public static func parse(
        _ text: String, currency: Currency, field: String, allowsNegative: Bool = false
    ) throws -> Money {
        let reject = { (message: String, code: String) -> AppError in
            AppError.invalidField(
                field, "\(message); expected \(expectedForm(currency, allowsNegative: allowsNegative))",
                code: code)
        }
        if text.isEmpty { throw reject("must not be empty", "empty") }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw reject("must not contain spaces (got \"\(text)\")", "invalid_amount")
        }
        if text.utf8.contains(UInt8(ascii: ",")) {
            throw reject("must not contain a comma (got \"\(text)\"); use a point for decimals", "invalid_amount")
        }
        if text.contains(where: { $0 == "e" || $0 == "E" }) {
            throw reject("must not use an exponent (got \"\(text)\")", "invalid_amount")
        }

        var unsigned = Substring(text)
        let negative = unsigned.first == "-"
        if unsigned.first == "+" || (negative && !allowsNegative) {
            throw reject("must not have a sign (got \"\(text)\")", "sign_not_allowed")
        }
        if negative { unsigned = unsigned.dropFirst() }

        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count <= 2, parts.allSatisfy(isDigits) else {
            throw reject("is not a decimal number (got \"\(text)\")", "invalid_amount")
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        if fraction.count > currency.minorUnitExponent {
            let allowed =
                currency.minorUnitExponent == 0 ? "no decimals" : "at most \(currency.minorUnitExponent) decimals"
            throw reject(
                "has \(fraction.count) decimals (got \"\(text)\") but \(currency.code) allows \(allowed)",
                "too_many_decimals")
        }
        let integer = parts[0].drop(while: { $0 == "0" })
        if integer.count > maximumIntegerDigits {
            throw reject(
                "is too large (got \"\(text)\"); the maximum is \(maximumIntegerDigits) integer digits", "too_large")
        }

        let paddedFraction = fraction + String(repeating: "0", count: currency.minorUnitExponent - fraction.count)
        let magnitude =
            Int64(integer.isEmpty ? "0" : String(integer))! * currency.minorUnitsPerMajorUnit
            + (paddedFraction.isEmpty ? 0 : Int64(paddedFraction)!)
        return Money(minorUnits: negative ? -magnitude : magnitude, currency: currency)
    }

    /// The form `parse` accepts, written for error messages, such as `a decimal string in major
    /// units with at most 2 decimals, such as "1250.00"`.
    static func expectedForm(_ currency: Currency, allowsNegative: Bool) -> String {
        let example = Money(minorUnits: 1250 * currency.minorUnitsPerMajorUnit, currency: currency).formatted
        let sign = allowsNegative ? ", optionally starting with \"-\"" : ""
        if currency.minorUnitExponent == 0 {
            return "a whole number string in \(currency.code) such as \"\(example)\"\(sign)"
        }
        return "a decimal string in \(currency.code) with at most \(currency.minorUnitExponent) decimals "
            + "such as \"\(example)\"\(sign)"
    }
}
