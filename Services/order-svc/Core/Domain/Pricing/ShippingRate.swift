import CommonKernel
import FoundationEssentials

/// A shipping method a tenant offers at checkout and how its charge is computed.
public struct ShippingRate: Sendable, Equatable, Codable {
    /// How the charge depends on the parcel.
    public enum Pricing: Sendable, Equatable, Codable {
        /// The same charge for every order.
        case flat(Money)
        /// The charge of the first band whose `maximumGrams` covers the parcel's weight.
        /// Bands are kept sorted by weight; a heavier parcel cannot ship with this rate.
        case weightBands([WeightBand])
    }

    /// The identifier a checkout request names, such as `standard` or `inside-dhaka`.
    public var code: String
    /// The name shown to customers, such as "Inside Dhaka (1-2 days)".
    public var name: String
    public var pricing: Pricing
    /// Orders whose subtotal after the discount reaches this amount ship free.
    public var freeAboveSubtotal: Money?

    public init(code: String, name: String, pricing: Pricing, freeAboveSubtotal: Money? = nil) {
        self.code = code
        self.name = name
        self.freeAboveSubtotal = freeAboveSubtotal
        if case .weightBands(let bands) = pricing {
            self.pricing = .weightBands(bands.sorted { $0.maximumGrams < $1.maximumGrams })
        } else {
            self.pricing = pricing
        }
    }

    /// Returns the charge for a parcel of `weightGrams` in an order whose subtotal after the
    /// discount is `discountedSubtotal`.
    ///
    /// Throws `AppError(.invalidInput, code: "shipping.too_heavy")` naming `shipping_method`
    /// when the weight exceeds every band, and `money.currency_mismatch` when the free-shipping
    /// threshold is in another currency than the order.
    public func charge(weightGrams: Int, discountedSubtotal: Money) throws -> Money {
        if let threshold = freeAboveSubtotal, try !discountedSubtotal.isLess(than: threshold) {
            return .zero(discountedSubtotal.currency)
        }
        let price: Money
        switch pricing {
        case .flat(let amount):
            price = amount
        case .weightBands(let bands):
            guard let band = bands.first(where: { weightGrams <= $0.maximumGrams }) else {
                let limit = bands.last?.maximumGrams ?? 0
                throw AppError(
                    .invalidInput, code: "shipping.too_heavy",
                    detail: "The parcel weighs \(weightGrams) g; \(name) ships at most \(limit) g.",
                    fieldErrors: [
                        FieldError(
                            field: "shipping_method", message: "cannot ship \(weightGrams) g; choose another method",
                            code: "too_heavy")
                    ])
            }
            price = band.price
        }
        return price
    }
}

/// One weight band of a weight-based rate: parcels up to `maximumGrams` (inclusive) cost `price`.
public struct WeightBand: Sendable, Equatable, Codable {
    public var maximumGrams: Int
    public var price: Money

    public init(maximumGrams: Int, price: Money) {
        self.maximumGrams = maximumGrams
        self.price = price
    }
}
