import CommonKernel
import FoundationEssentials

/// A shopper's cart in one tenant's shop, owned by a guest token or a signed-in customer.
public struct Cart: Sendable, Equatable, Identifiable {
    /// The owner, who alone may read and change the cart.
    public enum Owner: Sendable, Equatable {
        /// A guest who has the cart's secret token. It is stored as issued, because it guards
        /// only this cart's row, which anyone reading the database can see anyway.
        case guest(token: String)
        /// A signed-in customer, by user id.
        case customer(UUID)
    }

    public var id: UUID
    public var tenantID: UUID
    public var owner: Owner
    /// The tenant's currency when the cart was made; every line is priced in it.
    public var currency: Currency
    public var lines: [CartLine]
    /// The order the cart became; a checked-out cart accepts no changes.
    public var checkedOutOrderID: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    /// Increases by one with every stored change, so concurrent writers notice each other.
    public var revision: Int

    /// The maximum number of lines in one cart.
    public static let maximumLines = 100

    public init(
        id: UUID = UUID(), tenantID: UUID, owner: Owner, currency: Currency, lines: [CartLine] = [],
        checkedOutOrderID: UUID? = nil, createdAt: Date, updatedAt: Date, revision: Int = 1
    ) {
        self.id = id
        self.tenantID = tenantID
        self.owner = owner
        self.currency = currency
        self.lines = lines
        self.checkedOutOrderID = checkedOutOrderID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
    }

    public var isCheckedOut: Bool { checkedOutOrderID != nil }
}

/// The credential a request presents for a cart.
public enum CartAccess: Sendable, Equatable {
    /// The secret token of a guest cart, from the `X-Cart-Token` header.
    case guestToken(String)
    /// A signed-in customer, by user id.
    case customer(UUID)
}
