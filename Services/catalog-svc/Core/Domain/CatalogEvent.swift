import CommonKernel
import FoundationEssentials

/// A domain event in the platform's envelope, stored in the same transaction as its change
/// and published later by the outbox relay.
public struct CatalogEvent: Sendable, Equatable {
    public var id: UUID
    /// A dotted type such as `product.created` or `inventory.reserved`.
    public var type: String
    public var tenantID: UUID
    public var occurredAt: Date
    /// The envelope's schema version of `data`.
    public var version: Int
    public var data: JSONValue

    public init(
        id: UUID = UUID(), type: String, tenantID: UUID, occurredAt: Date, version: Int = 1,
        data: JSONValue
    ) {
        self.id = id
        self.type = type
        self.tenantID = tenantID
        self.occurredAt = occurredAt
        self.version = version
        self.data = data
    }
}

extension CatalogEvent {
    /// `product.created`, `product.updated` or `product.deleted` for `product`.
    static func product(_ type: String, _ product: Product, at time: Date) -> CatalogEvent {
        CatalogEvent(
            type: "product.\(type)", tenantID: product.tenantID, occurredAt: time,
            data: .object([
                "product_id": .string(product.id.lowercasedString),
                "handle": .string(product.handle),
                "revision": .number(Double(product.revision)),
            ]))
    }
}
