import CommonKernel
import FoundationEssentials

/// A product as a client or an import describes it, before ids, positions and defaults exist.
///
/// `makeProduct` turns it into a `Product`; `ProductValidator` then judges the result, so a
/// draft may hold any values.
public struct ProductDraft: Sendable, Equatable {
    /// The URL name; empty means "derive it from the title".
    public var handle: String
    public var title: String
    public var bodyHTML: String
    public var vendor: String
    public var productType: String
    public var productCategory: String
    public var tags: [String]
    public var status: ProductStatus
    public var published: Bool
    public var giftCard: Bool
    public var seoTitle: String
    public var seoDescription: String
    /// Empty means one "Title" option whose only value is "Default Title".
    public var options: [ProductOption]
    public var variants: [VariantDraft]
    /// The gallery in display order.
    public var images: [ImageDraft]

    public init(
        handle: String = "", title: String, bodyHTML: String = "", vendor: String = "", productType: String = "",
        productCategory: String = "", tags: [String] = [], status: ProductStatus = .active, published: Bool = true,
        giftCard: Bool = false, seoTitle: String = "", seoDescription: String = "", options: [ProductOption] = [],
        variants: [VariantDraft] = [], images: [ImageDraft] = []
    ) {
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
    }
}

/// A variant as a draft describes it; `id` picks an existing variant to keep on update.
public struct VariantDraft: Sendable, Equatable {
    /// The existing variant this draft replaces; nil matches an existing variant by its option
    /// values, or makes a new one.
    public var id: UUID?
    public var sku: String
    public var optionValues: [String]
    public var price: Money
    public var compareAtPrice: Money?
    public var costPerItem: Money?
    public var weight: Weight
    public var barcode: String
    public var taxable: Bool
    public var taxCode: String
    public var requiresShipping: Bool
    public var tracksInventory: Bool
    public var inventoryPolicy: InventoryPolicy
    /// The starting stock of a new variant; ignored for existing ones (see `ProductRepository.update`).
    public var inventoryQuantity: Int
    /// The `src` of the gallery image shown for this variant; added to the gallery when missing.
    public var imageSrc: String?

    public init(
        id: UUID? = nil, sku: String = "", optionValues: [String] = [], price: Money,
        compareAtPrice: Money? = nil, costPerItem: Money? = nil, weight: Weight = Weight(), barcode: String = "",
        taxable: Bool = true, taxCode: String = "", requiresShipping: Bool = true, tracksInventory: Bool = true,
        inventoryPolicy: InventoryPolicy = .deny, inventoryQuantity: Int = 0, imageSrc: String? = nil
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
        self.imageSrc = imageSrc
    }
}

/// A gallery image as a draft describes it; its position is its place in the draft's list.
public struct ImageDraft: Sendable, Equatable {
    /// The existing image this draft replaces, so the image keeps its id when its `src` changes.
    /// Nil matches an existing image by `src`, or makes a new one.
    public var id: UUID?
    public var src: String
    public var alt: String

    public init(id: UUID? = nil, src: String, alt: String = "") {
        self.id = id
        self.src = src
        self.alt = alt
    }
}
