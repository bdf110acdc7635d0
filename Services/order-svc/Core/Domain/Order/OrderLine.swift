import CommonKernel
import FoundationEssentials

/// One purchased variant of an order, with the catalog facts copied at checkout so that later
/// catalog edits never change a placed order.
public struct OrderLine: Sendable, Equatable, Codable {
    public var variantID: UUID
    public var productID: UUID
    public var title: String
    public var variantTitle: String
    public var sku: String
    public var unitPrice: Money
    public var quantity: Int
    /// `unitPrice × quantity`.
    public var lineTotal: Money
    /// The weight of one unit in grams.
    public var weightGrams: Int
    public var requiresShipping: Bool
    public var taxable: Bool

    public init(
        variantID: UUID, productID: UUID, title: String, variantTitle: String, sku: String, unitPrice: Money,
        quantity: Int, weightGrams: Int, requiresShipping: Bool, taxable: Bool
    ) throws {
        self.variantID = variantID
        self.productID = productID
        self.title = title
        self.variantTitle = variantTitle
        self.sku = sku
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.lineTotal = try unitPrice.multiplied(by: quantity)
        self.weightGrams = weightGrams
        self.requiresShipping = requiresShipping
        self.taxable = taxable
    }
}
