import CommonKernel
import FoundationEssentials

/// The filters, sort and page of a product listing. Nil filters match everything.
public struct ProductQuery: Sendable, Equatable {
    public static let maximumLimit = 250

    /// The page size, 1 to `maximumLimit`.
    public var limit: Int
    /// The opaque cursor of the previous page's `nextCursor`; nil for the first page.
    public var cursor: String?
    public var sort: ProductSort
    public var status: ProductStatus?
    /// Only products that are (true) or are not (false) visible on the online store.
    public var published: Bool?
    /// Only members of this collection or category.
    public var collectionID: UUID?
    /// Only products with this tag, compared without regard to letter case.
    public var tag: String?
    /// Only products of this vendor, compared without regard to letter case.
    public var vendor: String?
    /// Only products of this type, compared without regard to letter case.
    public var productType: String?
    /// Only products whose lowest variant price is at least this amount.
    public var minimumPrice: Money?
    /// Only products whose lowest variant price is at most this amount.
    public var maximumPrice: Money?
    /// When true, only products with a variant in stock (see `Product.isInStock`); when false,
    /// only products without one.
    public var inStock: Bool?
    /// Text that must occur, ignoring letter case, in the title, a tag, the vendor or a SKU.
    // NOTE: the in-memory adapter matches any substring, while the PostgreSQL adapter uses
    // full-text search and matches each word of `search` as a whole word or word prefix only.
    public var search: String?

    public init(
        limit: Int = 50, cursor: String? = nil, sort: ProductSort = .newest, status: ProductStatus? = nil,
        collectionID: UUID? = nil, tag: String? = nil, vendor: String? = nil, productType: String? = nil,
        minimumPrice: Money? = nil, maximumPrice: Money? = nil, inStock: Bool? = nil, search: String? = nil,
        published: Bool? = nil
    ) {
        self.limit = limit
        self.cursor = cursor
        self.sort = sort
        self.status = status
        self.published = published
        self.collectionID = collectionID
        self.tag = tag
        self.vendor = vendor
        self.productType = productType
        self.minimumPrice = minimumPrice
        self.maximumPrice = maximumPrice
        self.inStock = inStock
        self.search = search
    }

    /// The search text without surrounding white space, or nil when there is none to search for.
    public var searchText: String? {
        guard let text = search?.trimmingWhitespaceAndNewlines(), !text.isEmpty else { return nil }
        return text
    }

    /// Returns the scope of this listing's cursors in the shop `tenantID`: the shop and every
    /// filter, written the way the listing compares them. A cursor of another shop or of other
    /// filters then fails its checksum instead of starting the page at a position of another list.
    public func cursorScope(tenantID: UUID) -> String {
        var parts = ["tenant=\(tenantID.lowercasedString)"]
        if let status { parts.append("status=\(status.rawValue)") }
        if let published { parts.append("published=\(published)") }
        if let collectionID { parts.append("collection=\(collectionID.lowercasedString)") }
        if let tag { parts.append("tag=\(tag.lowercased())") }
        if let vendor { parts.append("vendor=\(vendor.lowercased())") }
        if let productType { parts.append("type=\(productType.lowercased())") }
        if let minimumPrice { parts.append("min=\(minimumPrice.minorUnits)") }
        if let maximumPrice { parts.append("max=\(maximumPrice.minorUnits)") }
        if let inStock { parts.append("in_stock=\(inStock)") }
        if let searchText { parts.append("q=\(searchText.lowercased())") }
        return parts.joined(separator: "\n")
    }

    /// Throws `invalidInput` naming `limit`, `cursor` or the price bounds when they are unusable
    /// in the shop `tenantID`.
    public func validate(tenantID: UUID) throws {
        try validate(cursorScope: cursorScope(tenantID: tenantID))
    }

    /// Throws what `validate(tenantID:)` throws, for a caller that already has the listing's
    /// `cursorScope(tenantID:)`.
    public func validate(cursorScope scope: String) throws {
        var errors: [FieldError] = []
        if !(1...Self.maximumLimit).contains(limit) {
            errors.append(
                FieldError(field: "limit", message: "must be between 1 and \(Self.maximumLimit)", code: "out_of_range"))
        }
        if let cursor, (try? ProductCursor(encoded: cursor, sort: sort, scope: scope)) == nil {
            errors.append(
                FieldError(
                    field: "cursor", message: "is not a cursor of this listing's sort and filters; start again without it",
                    code: "invalid_cursor"))
        }
        if let minimumPrice, let maximumPrice, (try? maximumPrice.isLess(than: minimumPrice)) != false {
            errors.append(
                FieldError(
                    field: "max_price", message: "must be in the same currency as min_price and not below it",
                    code: "invalid_range"))
        }
        if let search, search.split(whereSeparator: \.isWhitespace).count > Self.maximumSearchWords {
            errors.append(
                FieldError(
                    field: "q", message: "has more than \(Self.maximumSearchWords) words; search with fewer",
                    code: "too_long"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }

    /// The maximum number of words in a search. Each word adds a term that every product is
    /// matched against.
    public static let maximumSearchWords = 32
}

/// A page of products and the cursor of the next page, nil on the last page.
public struct ProductPage: Sendable, Equatable {
    public var products: [Product]
    public var nextCursor: String?

    public init(products: [Product], nextCursor: String?) {
        self.products = products
        self.nextCursor = nextCursor
    }
}
