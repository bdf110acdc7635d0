import CommonKernel
import FoundationEssentials

/// A staff listing of orders: filters, page size and where the page starts.
public struct OrderQuery: Sendable, Equatable {
    public var status: OrderStatus?
    /// The earliest placement time included.
    public var placedFrom: Date?
    /// The first placement time no longer included.
    public var placedBefore: Date?
    /// Orders whose email matches this one, ignoring case.
    public var email: EmailAddress?
    public var limit: Int
    /// The position the page starts after; nil for the first page.
    public var cursor: OrderCursor?

    public static let defaultLimit = 25
    public static let maximumLimit = 100

    public init(
        status: OrderStatus? = nil, placedFrom: Date? = nil, placedBefore: Date? = nil, email: EmailAddress? = nil,
        limit: Int = OrderQuery.defaultLimit, cursor: OrderCursor? = nil
    ) {
        self.status = status
        self.placedFrom = placedFrom
        self.placedBefore = placedBefore
        self.email = email
        self.limit = limit
        self.cursor = cursor
    }

    /// Returns whether `order` passes the filters and lies after the cursor. Every adapter
    /// follows this rule.
    public func matches(_ order: Order) -> Bool {
        if let status, order.status != status { return false }
        if let placedFrom, order.placedAt < placedFrom { return false }
        if let placedBefore, order.placedAt >= placedBefore { return false }
        if let email, order.email.matchKey != email.matchKey { return false }
        if let cursor, order.number >= cursor.afterNumber { return false }
        return true
    }
}

/// One page of orders and the cursor of the next page, nil on the last page.
public struct OrderPage: Sendable, Equatable {
    public var orders: [Order]
    public var nextCursor: OrderCursor?

    public init(orders: [Order], nextCursor: OrderCursor?) {
        self.orders = orders
        self.nextCursor = nextCursor
    }
}

/// The position after which a listing continues: the number of the last order shown.
///
/// Listings run from the highest number down, and numbers only grow, so orders placed while a
/// client pages through appear before the first page and never shift the pages it has not read.
/// Encoded with `CursorText` from `v1|<number>`, with the shop as its scope, so a cursor of
/// another shop is rejected. Clients treat it as opaque.
public struct OrderCursor: Sendable, Equatable {
    public var afterNumber: Int

    public init(afterNumber: Int) {
        self.afterNumber = afterNumber
    }

    /// Decodes the text form written for the shop `tenantID`. Throws `invalidInput` on field
    /// `cursor` for anything else, including a cursor of another shop, padded or non-canonical
    /// base64url and numbers outside `Order.numberRange`.
    public init(encoded: String, tenantID: UUID) throws {
        guard let text = CursorText.decode(encoded, scope: Self.scope(tenantID)), text.hasPrefix("v1|"),
            let number = Int(text.dropFirst(3)),
            Order.numberRange.contains(number),
            // Only the form `encoded` writes, so that one position has one cursor (not `05` or `+5`).
            text.dropFirst(3) == String(number)
        else {
            throw AppError.invalidField(
                "cursor", "is not a cursor of the order listing; start again without it", code: "invalid_cursor")
        }
        afterNumber = number
    }

    /// Returns the opaque text form for a page's `next_cursor` in the shop `tenantID`.
    public func encoded(tenantID: UUID) -> String {
        CursorText.encode("v1|\(afterNumber)", scope: Self.scope(tenantID))
    }

    private static func scope(_ tenantID: UUID) -> String {
        "tenant=\(tenantID.lowercasedString)"
    }
}
