import FoundationEssentials

/// A named group of products with manual membership: a category or a collection.
///
/// Membership is an ordered list of product ids that the merchant edits; rule-based (smart)
/// collections are not supported.
public struct Collection: Sendable, Equatable, Codable, Identifiable {
    /// Whether the group is a navigation category or a merchandising collection.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case category
        case collection
    }

    public var id: UUID
    public var tenantID: UUID
    public var kind: Kind
    /// The URL name, unique per tenant and kind.
    public var handle: String
    public var title: String
    public var bodyHTML: String
    /// The member products in display order.
    public var productIDs: [UUID]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(), tenantID: UUID, kind: Kind, handle: String, title: String,
        bodyHTML: String = "", productIDs: [UUID] = [], createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.tenantID = tenantID
        self.kind = kind
        self.handle = handle
        self.title = title
        self.bodyHTML = bodyHTML
        self.productIDs = productIDs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
