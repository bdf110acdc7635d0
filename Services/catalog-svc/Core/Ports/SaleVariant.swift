import FoundationEssentials

/// A variant with its stock and the few product facts that a cart or checkout needs, read
/// without the product's other variants, options and images.
public struct SaleVariant: Sendable, Equatable {
    /// The variant, whose `inventoryQuantity` is its current stock.
    public var variant: Variant
    public var productID: UUID
    public var productTitle: String
    public var productHandle: String
    public var productStatus: ProductStatus
    public var published: Bool

    public init(
        variant: Variant, productID: UUID, productTitle: String, productHandle: String,
        productStatus: ProductStatus, published: Bool
    ) {
        self.variant = variant
        self.productID = productID
        self.productTitle = productTitle
        self.productHandle = productHandle
        self.productStatus = productStatus
        self.published = published
    }
}
