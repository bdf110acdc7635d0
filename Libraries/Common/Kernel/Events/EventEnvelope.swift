import FoundationEssentials

/// One domain event as it travels between services: written to the outbox with the change that
/// caused it, published to the Redis stream, and handled at most once by each consumer group.
///
/// JSON field names are `id`, `type`, `tenant_id`, `occurred_at`, `version` and `data`.
public struct EventEnvelope: Sendable, Codable, Equatable {
    /// The event's identity, which consumers use to skip a second delivery of the same event.
    public var id: UUID
    /// A dotted name such as `product.created`.
    public var type: String
    public var tenantID: UUID
    /// The time of the change, in whole microseconds so that it survives the database unchanged.
    public var occurredAt: Date
    /// The version of `data`'s shape for this type; consumers reject versions they do not know.
    public var version: Int
    public var data: JSONValue

    public init(
        id: UUID = UUID(), type: String, tenantID: UUID, occurredAt: Date = Date(), version: Int = 1,
        data: JSONValue
    ) {
        self.id = id
        self.type = type
        self.tenantID = tenantID
        self.occurredAt = occurredAt.truncatedToMicroseconds
        self.version = version
        self.data = data
    }

    /// An envelope whose `data` is `payload` encoded with the shared snake_case JSON settings.
    /// Throws `EncodingError` when `payload` cannot be encoded.
    public init<Payload: Encodable>(type: String, tenantID: UUID, version: Int = 1, payload: Payload) throws {
        let data = try JSONCoding.decoder.decode(JSONValue.self, from: try JSONCoding.encoder.encode(payload))
        self.init(type: type, tenantID: tenantID, version: version, data: data)
    }

    /// Decodes `data` into `type`; throws a decoding error when the shape does not match.
    public func decodePayload<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        try JSONCoding.decoder.decode(type, from: Data(data.serialized().utf8))
    }
}
