import FoundationEssentials

/// A validated `limit` and `cursor` pair from a list request's query string.
///
/// Cursors are opaque to clients: the sort key fields of the last row served, encoded with
/// `CursorText`, so a page continues after that row even when rows are inserted before it.
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 20
    public static let maximumLimit = 100

    public var limit: Int
    /// The decoded fields of the cursor, or nil for the first page.
    public var after: [String]?

    public init(limit: Int = PageRequest.defaultLimit, after: [String]? = nil) {
        self.limit = limit
        self.after = after
    }

    /// Reads `limit` and `cursor` from `query`; throws 422 naming the parameter when either is invalid.
    public init(query: [String: String], fieldCount: Int) throws {
        var errors: [FieldError] = []
        limit = PageRequest.defaultLimit
        if let text = query["limit"] {
            if let value = Int(text), (1...PageRequest.maximumLimit).contains(value) {
                limit = value
            } else {
                errors.append(FieldError(field: "limit", message: "must be a whole number from 1 to \(PageRequest.maximumLimit)", code: "out_of_range"))
            }
        }
        if let text = query["cursor"], !text.isEmpty {
            after = PageRequest.decode(text)
            if after?.count != fieldCount {
                after = nil
                errors.append(FieldError(field: "cursor", message: "is not a cursor from this list; pass next_cursor unchanged", code: "invalid_cursor"))
            }
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }

    /// Encodes the sort key of the last row served as the next page's cursor.
    public static func encode(_ fields: [String]) -> String {
        let joined = fields.map { $0.replacingAll("\\", with: "\\\\").replacingAll("|", with: "\\p") }
            .joined(separator: "|")
        return CursorText.encode(joined)
    }

    static func decode(_ cursor: String) -> [String]? {
        guard let text = CursorText.decode(cursor) else { return nil }
        return text.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.replacingAll("\\p", with: "|").replacingAll("\\\\", with: "\\")
        }
    }
}

/// One page of a list and the cursor of the next, nil on the last page.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
