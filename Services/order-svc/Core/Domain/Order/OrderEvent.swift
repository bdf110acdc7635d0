import CommonKernel
import FoundationEssentials

/// A domain event in the platform's envelope, written to the outbox in the same transaction as
/// its change and published later by the relay.
public struct OrderEvent: Sendable, Equatable {
    public var id: UUID
    /// `order.placed`, `order.paid`, `order.cancelled` or `order.fulfilled`.
    public var type: String
    public var tenantID: UUID
    public var occurredAt: Date
    /// The schema version of `data`.
    public var version: Int
    public var data: JSONValue

    public init(id: UUID = UUID(), type: String, tenantID: UUID, occurredAt: Date, version: Int = 1, data: JSONValue) {
        self.id = id
        self.type = type
        self.tenantID = tenantID
        self.occurredAt = occurredAt
        self.version = version
        self.data = data
    }

    /// Makes the event `order.<kind>` describing `order`: ids, number, status, email and totals.
    public static func order(_ kind: String, _ order: Order, at time: Date) -> OrderEvent {
        var data: [String: JSONValue] = [
            "order_id": .string(order.id.lowercasedString),
            "number": .number(Double(order.number)),
            "status": .string(order.status.rawValue),
            "email": .string(order.email.value),
            "total": order.totals.total.jsonValue,
        ]
        if let fulfillment = order.fulfillment {
            data["tracking_number"] = .string(fulfillment.trackingNumber)
            data["carrier"] = .string(fulfillment.carrier)
        }
        return OrderEvent(type: "order.\(kind)", tenantID: order.tenantID, occurredAt: time, data: .object(data))
    }
}
