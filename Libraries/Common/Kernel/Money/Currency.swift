import FoundationEssentials

/// An ISO 4217 currency: its alphabetic code and how many decimals its minor unit has.
///
/// Only codes in `Currency.known` exist; `Currency(code:)` rejects any other code, so a
/// `Currency` value always has a trusted exponent.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    /// The upper-case ISO 4217 alphabetic code, such as `BDT`.
    public let code: String
    /// The number of decimals of the minor unit: 2 for BDT (poisha), 0 for JPY, 3 for KWD (fils).
    public let minorUnitExponent: Int

    private init(_ code: String, _ minorUnitExponent: Int) {
        self.code = code
        self.minorUnitExponent = minorUnitExponent
    }

    /// Looks up `code` (any letter case) in the table of known currencies.
    ///
    /// Throws `AppError(.invalidInput, code: "currency.unknown")` naming `field` for any code
    /// outside the table.
    public init(code: String, field: String = "currency") throws {
        guard let currency = Currency.known[code.uppercased()] else {
            throw AppError.invalidField(
                field,
                "'\(code)' is not a supported ISO 4217 currency code; use one such as BDT, USD or EUR",
                code: "unknown_currency")
        }
        self = currency
    }

    public var description: String { code }

    /// The number of minor units in one major unit: 100 for BDT, 1 for JPY, 1000 for KWD.
    public var minorUnitsPerMajorUnit: Int64 {
        var factor: Int64 = 1
        for _ in 0..<minorUnitExponent { factor *= 10 }
        return factor
    }

    public static let bdt = Currency("BDT", 2)
    public static let usd = Currency("USD", 2)
    public static let eur = Currency("EUR", 2)
    public static let gbp = Currency("GBP", 2)
    public static let inr = Currency("INR", 2)
    public static let jpy = Currency("JPY", 0)
    public static let krw = Currency("KRW", 0)
    public static let kwd = Currency("KWD", 3)
    public static let bhd = Currency("BHD", 3)
    public static let omr = Currency("OMR", 3)

    /// The supported currencies by code, with their ISO 4217 minor-unit exponents.
    public static let known: [String: Currency] = {
        let twoDecimals = [
            "AED", "AUD", "CAD", "CHF", "CNY", "DKK", "HKD", "LKR", "MYR", "NOK", "NPR", "NZD",
            "PKR", "QAR", "SAR", "SEK", "SGD", "THB", "ZAR",
        ]
        let noDecimals = ["CLP", "ISK", "UGX", "VND", "XAF", "XOF"]
        let threeDecimals = ["IQD", "JOD", "LYD", "TND"]
        var table: [String: Currency] = [:]
        for currency in [bdt, usd, eur, gbp, inr, jpy, krw, kwd, bhd, omr] {
            table[currency.code] = currency
        }
        for code in twoDecimals { table[code] = Currency(code, 2) }
        for code in noDecimals { table[code] = Currency(code, 0) }
        for code in threeDecimals { table[code] = Currency(code, 3) }
        return table
    }()
}
