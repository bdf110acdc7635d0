import CommonKernel
import FoundationEssentials

/// The catalog's facts about a variant at one moment, enough to price, weigh and describe a
/// cart line without asking the catalog again.
public struct VariantSnapshot: Sendable, Equatable {
    /// The rule for a tracked variant that runs out, as the catalog defines it.
    public enum InventoryPolicy: String, Sendable, Codable {
        /// Stop selling at zero.
        case deny
        /// Keep selling below zero (backorders).
        case `continue`
    }

    public var variantID: UUID
    public var productID: UUID
    /// The product's title, such as "Nakshi Kantha Quilt".
    public var title: String
    /// The option values joined for display, such as "Blue / Queen"; empty for a single variant.
    public var variantTitle: String
    public var sku: String
    public var price: Money
    /// The weight of one unit in grams.
    public var weightGrams: Int
    public var requiresShipping: Bool
    public var taxable: Bool
    /// The units available for sale now; meaningful only when `tracksInventory`.
    public var availableQuantity: Int
    public var tracksInventory: Bool
    public var inventoryPolicy: InventoryPolicy

    public init(
        variantID: UUID, productID: UUID, title: String, variantTitle: String = "", sku: String, price: Money,
        weightGrams: Int = 0, requiresShipping: Bool = true, taxable: Bool = true, availableQuantity: Int,
        tracksInventory: Bool = true, inventoryPolicy: InventoryPolicy = .deny
    ) {
        self.variantID = variantID
        self.productID = productID
        self.title = title
        self.variantTitle = variantTitle
        self.sku = sku
        self.price = price
        self.weightGrams = weightGrams
        self.requiresShipping = requiresShipping
        self.taxable = taxable
        self.availableQuantity = availableQuantity
        self.tracksInventory = tracksInventory
        self.inventoryPolicy = inventoryPolicy
    }

    /// Returns whether `quantity` units can be sold now, which is always true for untracked or
    /// backorder variants.
    public func canSell(_ quantity: Int) -> Bool {
        !tracksInventory || inventoryPolicy == .continue || quantity <= availableQuantity
    }
}
