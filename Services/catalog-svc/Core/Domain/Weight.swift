/// A shipping weight stored exactly in milligrams, with the unit the merchant reads it in.
///
/// Shopify's CSV carries the weight in grams ("Variant Grams", with decimals) and the display
/// unit separately ("Variant Weight Unit"); milligrams keep those grams without floating point.
public struct Weight: Sendable, Equatable, Codable {
    public var milligrams: Int64
    public var unit: WeightUnit

    public init(milligrams: Int64 = 0, unit: WeightUnit = .kg) {
        self.milligrams = milligrams
        self.unit = unit
    }

    /// The weight in grams as a decimal string without trailing zeros, such as "226.796" or "145".
    public var gramsText: String {
        let whole = milligrams / 1000
        let fraction = milligrams % 1000
        guard fraction != 0 else { return String(whole) }

        var decimals = String(fraction)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(whole).\(decimals)"
    }

    /// Parses a non-negative decimal number of grams, such as "145" or "56.41555101875",
    /// rounding half up to whole milligrams. Returns nil for any other text.
    public static func milligrams(fromGrams text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), parts.allSatisfy(isDigits) else { return nil }

        let whole = parts[0].drop { $0 == "0" }
        guard whole.count <= 12 else { return nil }
        let fraction = parts.count == 2 ? Array(parts[1]) : []
        let milligramDigits = (fraction.prefix(3) + Array(repeating: "0", count: max(0, 3 - fraction.count)))
        let roundUp: Int64 = fraction.count > 3 && fraction[3] >= "5" ? 1 : 0
        return Int64(whole.isEmpty ? "0" : String(whole))! * 1000 + Int64(String(milligramDigits))! + roundUp
    }
}

/// The unit a weight is shown in: grams, kilograms, pounds or ounces.
public enum WeightUnit: String, Sendable, Codable, CaseIterable {
    case g
    case kg
    case lb
    case oz
}
