import FoundationEssentials

/// The author of an order change: a staff member, the customer, or the platform itself.
public enum OrderActor: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A signed-in user of the tenant, by id.
    case user(UUID)
    case customer
    /// Jobs and payment events, such as the expiry of an unpaid order.
    case system

    /// `system`, `customer`, or the user id in lower case, as stored and shown.
    public var description: String {
        switch self {
        case .user(let id): id.lowercasedString
        case .customer: "customer"
        case .system: "system"
        }
    }

    /// Parses the stored form that `description` writes; nil for anything else.
    public init?(stored: String) {
        switch stored {
        case "customer": self = .customer
        case "system": self = .system
        default:
            guard let id = UUID(uuidString: stored) else { return nil }
            self = .user(id)
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let actor = OrderActor(stored: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown actor"))
        }
        self = actor
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One recorded change of an order, kept in order of occurrence.
public struct OrderHistoryEntry: Sendable, Equatable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        case placed
        case statusChanged = "status_changed"
        case paymentFailed = "payment_failed"
        case refunded
        case note
        case stockCommitted = "stock_committed"
        case stockReleased = "stock_released"
    }

    public var kind: Kind
    public var actor: OrderActor
    public var occurredAt: Date
    /// The status before a status change; nil for other kinds.
    public var fromStatus: OrderStatus?
    /// The status after a status change, or the status when the entry was made.
    public var toStatus: OrderStatus
    /// Free text: a note, a cancellation reason, a payment failure reason or a refund id.
    public var message: String?

    public init(
        kind: Kind, actor: OrderActor, occurredAt: Date, fromStatus: OrderStatus? = nil, toStatus: OrderStatus,
        message: String? = nil
    ) {
        self.kind = kind
        self.actor = actor
        self.occurredAt = occurredAt
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.message = message
    }
}
