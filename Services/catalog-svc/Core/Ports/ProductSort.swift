import FoundationEssentials

/// The orders a product listing can have. Each breaks ties by product id, so the order is
/// total and a cursor of (sort key, id) pages through it without gaps or repeats, even while
/// products are added.
public enum ProductSort: String, Sendable, CaseIterable {
    /// Creation time, newest first.
    case newest
    /// Lowest variant price, cheapest first.
    case priceAscending = "price_asc"
    /// Lowest variant price, most expensive first.
    case priceDescending = "price_desc"
    /// Lower-cased title in Unicode code point order (PostgreSQL's `COLLATE "C"`).
    // NOTE: Swift's lowercased() and PostgreSQL's lower() may differ outside ASCII, so two
    // adapters can order such titles differently.
    case title

    /// Whether the order runs from large keys to small ones.
    public var isDescending: Bool { self == .newest || self == .priceDescending }

    /// The integer keys a cursor of this sort may carry. Creation times run from year 1 through
    /// year 9999, in milliseconds since 1970, a span that PostgreSQL's timestamp and interval
    /// arithmetic can hold.
    /// Prices may be any `Int64`, the range of the stored minor units. Titles sort by text, so
    /// no integer key belongs to them and their range goes unused.
    public var integerKeyRange: ClosedRange<Int64> {
        switch self {
        // 0001-01-01T00:00:00Z through 9999-12-31T23:59:59.999Z.
        case .newest: -62_135_596_800_000...253_402_300_799_999
        case .priceAscending, .priceDescending, .title: Int64.min...Int64.max
        }
    }

    /// Returns the sort key of `product`.
    public func key(of product: Product) -> ProductSortKey {
        switch self {
        case .newest: .integer(product.createdAt.millisecondsSince1970)
        case .priceAscending, .priceDescending: .integer(product.lowestPrice?.minorUnits ?? 0)
        case .title: .text(product.title.lowercased())
        }
    }

    /// Returns whether the entry (`key`, `id`) comes strictly before (`otherKey`, `otherID`) in this order.
    public func precedes(_ key: ProductSortKey, _ id: UUID, _ otherKey: ProductSortKey, _ otherID: UUID) -> Bool {
        let ascending: Bool
        if key != otherKey {
            ascending = key < otherKey
        } else if id != otherID {
            ascending = id.uuidString < otherID.uuidString
        } else {
            return false
        }
        return isDescending ? !ascending : ascending
    }
}

/// The value a listing sorts by: a whole number (time or price) or a text.
public enum ProductSortKey: Sendable, Equatable, Comparable {
    case integer(Int64)
    case text(String)

    public static func < (lhs: ProductSortKey, rhs: ProductSortKey) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let left), .integer(let right)): left < right
        case (.text(let left), .text(let right)): left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
        case (.integer, .text): true
        case (.text, .integer): false
        }
    }
}
