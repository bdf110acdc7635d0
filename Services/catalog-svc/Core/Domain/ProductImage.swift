import FoundationEssentials

/// A product image: its URL, place in the gallery, alt text and the variants it shows.
public struct ProductImage: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    /// An absolute http(s) URL or a path on the shop's own host, such as `/static/demo/pot.jpg`.
    public var src: String
    /// The 1-based order in the product's gallery.
    public var position: Int
    public var alt: String
    /// The variants that show this image when selected (Shopify's `variant_ids`).
    public var variantIDs: [UUID]

    public init(id: UUID = UUID(), src: String, position: Int, alt: String = "", variantIDs: [UUID] = []) {
        self.id = id
        self.src = src
        self.position = position
        self.alt = alt
        self.variantIDs = variantIDs
    }
}
