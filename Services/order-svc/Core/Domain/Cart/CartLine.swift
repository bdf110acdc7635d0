import CommonKernel
import FoundationEssentials

/// One variant in a cart, with the catalog facts copied when it was added or last refreshed.
///
/// The copied price is what the customer saw; checkout compares it with the catalog's current
/// price and reports a difference instead of charging it.
public struct CartLine: Sendable, Equatable, Codable {
    public var variantID: UUID
    public var productID: UUID
    public var title: String
    public var variantTitle: String
    public var sku: String
    public var unitPrice: Money
    public var quantity: Int
    public var weightGrams: Int
    public var requiresShipping: Bool
    public var taxable: Bool

    /// The accepted quantities of one line.
    public static let quantityRange = 1...999

    /// Makes a line of `quantity` units with the facts of `snapshot`.
    public init(snapshot: VariantSnapshot, quantity: Int) {
        variantID = snapshot.variantID
        productID = snapshot.productID
        title = snapshot.title
        variantTitle = snapshot.variantTitle
        sku = snapshot.sku
        unitPrice = snapshot.price
        self.quantity = quantity
        weightGrams = snapshot.weightGrams
        requiresShipping = snapshot.requiresShipping
        taxable = snapshot.taxable
    }

    /// Throws `invalidInput` naming `field` unless `quantity` is within `quantityRange`.
    public static func validate(quantity: Int, field: String = "quantity") throws {
        guard quantityRange.contains(quantity) else {
            throw AppError.invalidField(
                field, "must be between \(quantityRange.lowerBound) and \(quantityRange.upperBound), not \(quantity)",
                code: "out_of_range")
        }
    }
}
