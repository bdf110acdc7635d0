import CommonKernel
import FoundationEssentials

/// A subscription plan and the limits it puts on a shop.
public struct Plan: Sendable, Equatable {
    public var code: String
    public var name: String
    /// Monthly price in minor units of `priceCurrency`.
    public var monthlyPriceMinor: Int64
    public var priceCurrency: String
    public var limits: PlanLimits

    public init(code: String, name: String, monthlyPriceMinor: Int64, priceCurrency: String, limits: PlanLimits) {
        self.code = code
        self.name = name
        self.monthlyPriceMinor = monthlyPriceMinor
        self.priceCurrency = priceCurrency
        self.limits = limits
    }
}
