import CommonKernel

/// A tenant's sales tax or VAT: one rate for every taxable line.
public struct TaxSettings: Sendable, Equatable, Codable {
    /// The rate in basis points: 1500 is 15%.
    public var rateBasisPoints: Int
    /// Whether prices already contain the tax (common for VAT), so the tax is extracted from
    /// the total instead of added to it.
    public var pricesIncludeTax: Bool
    /// Whether the shipping charge is taxed at the same rate.
    public var taxesShipping: Bool

    /// The highest rate accepted, 100%.
    public static let maximumRateBasisPoints = 10_000

    public init(rateBasisPoints: Int, pricesIncludeTax: Bool, taxesShipping: Bool = false) {
        self.rateBasisPoints = rateBasisPoints
        self.pricesIncludeTax = pricesIncludeTax
        self.taxesShipping = taxesShipping
    }

    /// No tax at all.
    public static let none = TaxSettings(rateBasisPoints: 0, pricesIncludeTax: false)

    /// Throws `invalidInput` naming `tax.rate_basis_points` for a rate outside 0 to 10,000.
    public func validate() throws {
        guard (0...Self.maximumRateBasisPoints).contains(rateBasisPoints) else {
            throw AppError.invalidField(
                "tax.rate_basis_points",
                "must be between 0 and \(Self.maximumRateBasisPoints) (100%), not \(rateBasisPoints)",
                code: "out_of_range")
        }
    }
}
