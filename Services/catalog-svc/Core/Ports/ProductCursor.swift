import CommonKernel
import FoundationEssentials

/// The position after which the next page of a listing starts: the sort key and id of the
/// last product of the previous page.
///
/// Encoded with `CursorText` from `v1|<sort>|<id>|<key>`; clients treat it as opaque.
public struct ProductCursor: Sendable, Equatable {
    public var sort: ProductSort
    public var key: ProductSortKey
    public var id: UUID

    public init(sort: ProductSort, key: ProductSortKey, id: UUID) {
        self.sort = sort
        self.key = key
        self.id = id
    }

    /// Makes the cursor positioned just after `product` in `sort`'s order.
    public init(after product: Product, sort: ProductSort) {
        self.init(sort: sort, key: sort.key(of: product), id: product.id)
    }

    /// Decodes a cursor made for `sort` in `scope` (`ProductQuery.cursorScope(tenantID:)`). Throws
    /// `invalidInput` on field `cursor` otherwise, also for an integer key outside
    /// `sort.integerKeyRange`.
    public init(encoded: String, sort: ProductSort, scope: String) throws {
        let invalid = AppError.invalidField(
            "cursor", "is not a cursor of this listing's sort and filters; start again without it",
            code: "invalid_cursor")
        guard let text = CursorText.decode(encoded, scope: scope) else { throw invalid }

        let parts = text.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", parts[1] == sort.rawValue, let id = UUID(uuidString: String(parts[2]))
        else {
            throw invalid
        }
        switch sort {
        case .title:
            key = .text(String(parts[3]))
        case .newest, .priceAscending, .priceDescending:
            // Only the form `encoded` writes, so that one position has one cursor (not `05` or `+5`).
            guard let value = Int64(parts[3]), sort.integerKeyRange.contains(value), parts[3] == String(value) else {
                throw invalid
            }
            key = .integer(value)
        }
        self.sort = sort
        self.id = id
    }

    /// Returns the opaque text form for a page's `nextCursor` in `scope`.
    public func encoded(scope: String) -> String {
        let keyText: String
        switch key {
        case .integer(let value): keyText = String(value)
        case .text(let value): keyText = value
        }
        let text = "v1|\(sort.rawValue)|\(id.lowercasedString)|\(keyText)"
        return CursorText.encode(text, scope: scope)
    }
}
