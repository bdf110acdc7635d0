import Foundation

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
