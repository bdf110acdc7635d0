import CommonKernel
import FoundationEssentials

/// A product of one tenant's catalog with its options, variants and images.
///
/// Field names follow Shopify's Admin REST product resource, so the API and the CSV import
/// speak the merchants' vocabulary. Text fields use an empty string for "none".
public struct Product: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var tenantID: UUID
    /// The URL name, unique among the tenant's products that are not deleted.
    public var handle: String
    public var title: String
    public var bodyHTML: String
    public var vendor: String
    public var productType: String
    /// Shopify's standard product taxonomy path, such as "Apparel & Accessories > Clothing".
    public var productCategory: String
    public var tags: [String]
    public var status: ProductStatus
    /// Whether the product is visible on the online store.
    public var published: Bool
    public var giftCard: Bool
    public var seoTitle: String
    public var seoDescription: String
    /// At most three options; every product has at least one ("Title" for a single variant).
    public var options: [ProductOption]
    public var variants: [Variant]
    public var images: [ProductImage]
    /// A counter that each stored update increments, for optimistic concurrency.
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// When the product was soft-deleted; deleted products are hidden from every read.
    public var deletedAt: Date?

    public init(
        id: UUID = UUID(), tenantID: UUID, handle: String, title: String, bodyHTML: String = "",
        vendor: String = "", productType: String = "", productCategory: String = "",
        tags: [String] = [], status: ProductStatus = .active, published: Bool = true,
        giftCard: Bool = false, seoTitle: String = "", seoDescription: String = "",
        options: [ProductOption], variants: [Variant], images: [ProductImage] = [],
        revision: Int = 1, createdAt: Date, updatedAt: Date, deletedAt: Date? = nil
    ) {
        self.id = id
        self.tenantID = tenantID
        self.handle = handle
        self.title = title
        self.bodyHTML = bodyHTML
        self.vendor = vendor
        self.productType = productType
        self.productCategory = productCategory
        self.tags = tags
        self.status = status
        self.published = published
        self.giftCard = giftCard
        self.seoTitle = seoTitle
        self.seoDescription = seoDescription
        self.options = options
        self.variants = variants
        self.images = images
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    /// The lowest variant price, which sorting and price filters use; nil without variants.
    public var lowestPrice: Money? {
        variants.min { $0.price.minorUnits < $1.price.minorUnits }?.price
    }

    /// Whether some variant can be bought now (`Variant.isAvailable`), which is the product's
    /// public `available` flag.
    public var isInStock: Bool {
        variants.contains(where: \.isAvailable)
    }

    /// Returns the variant with `id`, if this product has it.
    public func variant(id: UUID) -> Variant? {
        variants.first { $0.id == id }
    }
}

/// A product's lifecycle state, as in Shopify's `status` field.
public enum ProductStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case active
    case archived
}
