import CommonKernel
import FoundationEssentials

/// A tenant's checkout settings.
public struct OrderSettings: Sendable, Equatable, Codable {
    /// The shipping methods customers choose from, by `code`.
    public var shippingRates: [ShippingRate]
    public var tax: TaxSettings
    /// How long an unpaid order keeps its stock before it is cancelled, in seconds.
    public var paymentHoldSeconds: Int

    /// The hold when a tenant set none: 15 minutes.
    public static let defaultPaymentHoldSeconds = 900
    /// The accepted holds: one second to seven days. Holds under a minute suit only tests and
    /// demonstrations, because a customer needs longer than that to pay.
    public static let paymentHoldRange = 1...604_800

    public init(shippingRates: [ShippingRate], tax: TaxSettings, paymentHoldSeconds: Int = defaultPaymentHoldSeconds) {
        self.shippingRates = shippingRates
        self.tax = tax
        self.paymentHoldSeconds = paymentHoldSeconds
    }

    /// The settings of a tenant that saved none: no shipping methods, no tax, a 15-minute hold.
    public static let defaults = OrderSettings(shippingRates: [], tax: .none)

    /// The method offered when a tenant set up none: `standard`, flat and free, so that a new shop
    /// can take orders before it prices shipping.
    public static func fallbackShippingRate(currency: Currency) -> ShippingRate {
        ShippingRate(code: "standard", name: "Standard shipping", pricing: .flat(.zero(currency)))
    }

    /// Returns these settings, with `fallbackShippingRate` as the only method when none is set up.
    public func withFallbackShipping(currency: Currency) -> OrderSettings {
        guard shippingRates.isEmpty else { return self }
        var settings = self
        settings.shippingRates = [Self.fallbackShippingRate(currency: currency)]
        return settings
    }

    /// Returns the shipping method with `code`, or nil.
    public func shippingRate(code: String) -> ShippingRate? {
        shippingRates.first { $0.code == code }
    }

    /// Throws `invalidInput` listing every problem: a tax rate out of range, a hold outside
    /// `paymentHoldRange`, and shipping codes that are empty or repeated.
    public func validate() throws {
        var errors: [FieldError] = []
        do { try tax.validate() } catch let error as AppError { errors += error.fieldErrors }
        if !Self.paymentHoldRange.contains(paymentHoldSeconds) {
            errors.append(
                FieldError(
                    field: "payment_hold_seconds",
                    message:
                        "must be between \(Self.paymentHoldRange.lowerBound) and \(Self.paymentHoldRange.upperBound)",
                    code: "out_of_range"))
        }
        var seen: Set<String> = []
        for (index, rate) in shippingRates.enumerated() where rate.code.isEmpty || !seen.insert(rate.code).inserted {
            errors.append(
                FieldError(
                    field: "shipping_rates[\(index)].code", message: "must be non-empty and unique", code: "invalid"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }
}
