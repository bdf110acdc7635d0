import CommonKernel

/// Computes an order's totals in integer minor units, the only place checkout rounds.
///
/// The rule, step by step (all amounts in minor units, "round" meaning round half to even):
/// 1. `subtotal` = the sum of unit price × quantity; exact.
/// 2. `discount`: a percentage is round(subtotal × basis points / 10,000), rounded once for
///    the whole order and never per line. A fixed amount is taken as is. Either is then
///    clamped to `subtotal`, so the discounted subtotal is never negative.
/// 3. `shipping`: the rate's charge for the weight of the lines that require shipping, or zero
///    when `subtotal − discount` reaches the rate's free-shipping threshold or no rate applies.
/// 4. The taxable base is `taxableSubtotal − discountShare`, plus `shipping` when the settings
///    tax shipping. `discountShare` = round(discount × taxableSubtotal / subtotal), because the
///    discount lowers taxable and untaxed lines in proportion to their value.
/// 5. Tax exclusive of prices: `tax` = round(base × rate / 10,000) and
///    `total` = subtotal − discount + shipping + tax.
///    Tax included in prices: `tax` = round(base × rate / (10,000 + rate)), the part of the base
///    that is tax, and `total` = subtotal − discount + shipping.
///
/// Throws `money.currency_mismatch` when a line, the fixed discount or the shipping rate is in
/// another currency, and `money.overflow` for amounts beyond 64 bits.
public struct TotalsCalculator: Sendable {
    public let currency: Currency
    public let tax: TaxSettings

    public init(currency: Currency, tax: TaxSettings) {
        self.currency = currency
        self.tax = tax
    }

    /// Returns the totals of `lines` with an optional discount and shipping rate; `weightGrams`
    /// is the weight of the lines that require shipping.
    public func totals(
        lines: [PricedLine], discount: Discount.Value?, shippingRate: ShippingRate?, weightGrams: Int
    ) throws -> OrderTotals {
        var subtotal = Money.zero(currency)
        var taxableSubtotal = Money.zero(currency)
        for line in lines {
            let amount = try line.unitPrice.multiplied(by: line.quantity)
            subtotal = try subtotal.adding(amount)
            if line.taxable { taxableSubtotal = try taxableSubtotal.adding(amount) }
        }

        let discountAmount = try discountAmount(discount, subtotal: subtotal)
        let discounted = try subtotal.subtracting(discountAmount)
        let shipping =
            try shippingRate?.charge(weightGrams: weightGrams, discountedSubtotal: discounted) ?? .zero(currency)
        let beforeTax = try discounted.adding(shipping)

        let taxAmount = try taxAmount(
            taxableSubtotal: taxableSubtotal, subtotal: subtotal, discount: discountAmount, shipping: shipping)
        let total = tax.pricesIncludeTax ? beforeTax : try beforeTax.adding(taxAmount)
        return OrderTotals(
            subtotal: subtotal, discount: discountAmount, shipping: shipping, tax: taxAmount, total: total,
            taxIncluded: tax.pricesIncludeTax)
    }

    /// Step 2: the discount, clamped to the subtotal.
    func discountAmount(_ discount: Discount.Value?, subtotal: Money) throws -> Money {
        let raw: Money
        switch discount {
        case nil:
            return .zero(currency)
        case .percentage(let basisPoints):
            let clampedPoints = Int64(min(max(basisPoints, 0), 10_000))
            raw = Money(
                minorUnits: try Proportion.share(of: subtotal.minorUnits, times: clampedPoints, over: 10_000),
                currency: currency)
        case .fixed(let amount):
            // Comparing throws money.currency_mismatch for an amount in another currency.
            _ = try amount.compare(subtotal)
            raw = Money(minorUnits: max(amount.minorUnits, 0), currency: currency)
        }
        return try raw.isLess(than: subtotal) ? raw : subtotal
    }

    /// Steps 4 and 5: the tax on the taxable base, added or extracted.
    func taxAmount(taxableSubtotal: Money, subtotal: Money, discount: Money, shipping: Money) throws -> Money {
        let rate = Int64(tax.rateBasisPoints)
        guard rate > 0 else { return .zero(currency) }

        var discountShare: Int64 = 0
        if subtotal.minorUnits > 0 {
            discountShare = try Proportion.share(
                of: discount.minorUnits, times: taxableSubtotal.minorUnits, over: subtotal.minorUnits)
        }
        var base = try taxableSubtotal.subtracting(Money(minorUnits: discountShare, currency: currency))
        if tax.taxesShipping { base = try base.adding(shipping) }

        let denominator = tax.pricesIncludeTax ? 10_000 + rate : 10_000
        let amount = try Proportion.share(of: base.minorUnits, times: rate, over: denominator)
        return Money(minorUnits: amount, currency: currency)
    }
}
