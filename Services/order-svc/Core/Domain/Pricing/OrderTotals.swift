import CommonKernel

/// The money summary of an order, every amount in the order's currency.
public struct OrderTotals: Sendable, Equatable, Codable {
    /// The sum of unit price times quantity over all lines.
    public var subtotal: Money
    /// The amount the discount code took off; never more than `subtotal`.
    public var discount: Money
    public var shipping: Money
    /// The tax charged, or for tax-inclusive prices the tax contained in `total`.
    public var tax: Money
    /// The amount the customer pays.
    public var total: Money
    /// Whether `tax` is part of the prices (and so of `total`) rather than added on top.
    public var taxIncluded: Bool

    public init(subtotal: Money, discount: Money, shipping: Money, tax: Money, total: Money, taxIncluded: Bool) {
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.tax = tax
        self.total = total
        self.taxIncluded = taxIncluded
    }

    public var currency: Currency { total.currency }
}

/// One line as the totals see it: a unit price, a quantity and whether tax applies.
public struct PricedLine: Sendable, Equatable {
    public var unitPrice: Money
    public var quantity: Int
    public var taxable: Bool

    public init(unitPrice: Money, quantity: Int, taxable: Bool) {
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.taxable = taxable
    }
}
