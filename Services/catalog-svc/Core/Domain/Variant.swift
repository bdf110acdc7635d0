import CommonKernel
import FoundationEssentials

/// A purchasable version of a product: one combination of option values with its own SKU,
/// price and stock.
public struct Variant: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    /// The stock keeping unit; may be empty, and duplicates are allowed but reported as warnings.
    public var sku: String
    /// One value per product option, in the product's option order (Shopify's option1...option3).
    public var optionValues: [String]
    /// The selling price, in the tenant's currency.
    public var price: Money
    /// The former price shown struck through; meaningful only when above `price`.
    public var compareAtPrice: Money?
    /// The merchant's cost of one unit, for margin reports; never shown to customers.
    public var costPerItem: Money?
    public var weight: Weight
    public var barcode: String
    public var taxable: Bool
    public var taxCode: String
    public var requiresShipping: Bool
    /// Whether stock is counted; an untracked variant is always available.
    public var tracksInventory: Bool
    public var inventoryPolicy: InventoryPolicy
    /// Units available for sale; reservations subtract from it. It is below zero only for
    /// variants that oversell (`continue`) or whose stock was set that way.
    public var inventoryQuantity: Int
    /// The 1-based display order among the product's variants.
    public var position: Int

    public init(
        id: UUID = UUID(), sku: String = "", optionValues: [String], price: Money,
        compareAtPrice: Money? = nil, costPerItem: Money? = nil, weight: Weight = Weight(),
        barcode: String = "", taxable: Bool = true, taxCode: String = "", requiresShipping: Bool = true,
        tracksInventory: Bool = true, inventoryPolicy: InventoryPolicy = .deny,
        inventoryQuantity: Int = 0, position: Int
    ) {
        self.id = id
        self.sku = sku
        self.optionValues = optionValues
        self.price = price
        self.compareAtPrice = compareAtPrice
        self.costPerItem = costPerItem
        self.weight = weight
        self.barcode = barcode
        self.taxable = taxable
        self.taxCode = taxCode
        self.requiresShipping = requiresShipping
        self.tracksInventory = tracksInventory
        self.inventoryPolicy = inventoryPolicy
        self.inventoryQuantity = inventoryQuantity
        self.position = position
    }

    public var option1: String? { optionValue(at: 0) }
    public var option2: String? { optionValue(at: 1) }
    public var option3: String? { optionValue(at: 2) }

    private func optionValue(at index: Int) -> String? {
        optionValues.indices.contains(index) ? optionValues[index] : nil
    }

    /// Whether selling `quantity` more units must be rejected when stock runs out.
    public var enforcesStockFloor: Bool { tracksInventory && inventoryPolicy == .deny }

    /// Whether the variant can be bought now: it has stock, or its stock is not counted or may
    /// go below zero. The public `available` flag and the `in_stock` filter mean this.
    public var isAvailable: Bool { !enforcesStockFloor || inventoryQuantity > 0 }
}

/// The rule for a tracked variant that runs out, as in Shopify's `inventory_policy`.
public enum InventoryPolicy: String, Sendable, Codable, CaseIterable {
    /// Stop selling at zero.
    case deny
    /// Keep selling below zero (backorders).
    case `continue`
}
