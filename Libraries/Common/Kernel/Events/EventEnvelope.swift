import Foundation

/// One domain event as it travels between services: written to the outbox with the change that
/// caused it, published to the Redis stream, and handled at most once by each consumer group.
///
/// JSON field names are `id`, `type`, `tenant_id`, `occurred_at`, `version` and `data`.
public struct EventEnvelope: Sendable, Codable, Equatable {
    public var id: UUID
    /// A dotted name such as `product.created`.
    public var type: String
    public var tenantID: UUID
    public var occurredAt: Date
    /// The version of `data`'s shape for this type; consumers reject versions they do not know.
    public var version: Int
    public var data: JSONValue

    public init(id: UUID = UUID(), type: String, tenantID: UUID, occurredAt: Date = Date(), version: Int = 1, data: JSONValue) {
        self.id = id
        self.type = type
        self.tenantID = tenantID
        self.occurredAt = occurredAt.truncatedToMicroseconds
        self.version = version
        self.data = data
    }

    /// An envelope whose `data` is `payload` encoded with the shared snake_case JSON settings.
    public init<Payload: Encodable>(type: String, tenantID: UUID, version: Int = 1, payload: Payload) throws {
        let data = try JSONCoding.decoder.decode(JSONValue.self, from: try JSONCoding.encoder.encode(payload))
        self.init(type: type, tenantID: tenantID, version: version, data: data)
    }

    /// Decodes `data` into `type`; throws a decoding error when the shape does not match.
    public func decodePayload<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        try JSONCoding.decoder.decode(type, from: Data(data.serialized().utf8))
    }

    enum CodingKeys: String, CodingKey {
        case id, type, version, data
        case tenantID = "tenant_id"
        case occurredAt = "occurred_at"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(UUID.self, forKey: .id)
        type = try container.decode(String.self, forKey: .type)
        tenantID = try container.decode(UUID.self, forKey: .tenantID)
        let stamp = try container.decode(String.self, forKey: .occurredAt)
        guard let date = RFC3339.date(from: stamp) else {
            throw DecodingError.dataCorruptedError(forKey: .occurredAt, in: container, debugDescription: "not an RFC 3339 time")
        }
        occurredAt = date
        version = try container.decode(Int.self, forKey: .version)
        data = try container.decode(JSONValue.self, forKey: .data)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.uuidString.lowercased(), forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(tenantID.uuidString.lowercased(), forKey: .tenantID)
        try container.encode(RFC3339.string(from: occurredAt), forKey: .occurredAt)
        try container.encode(version, forKey: .version)
        try container.encode(data, forKey: .data)
    }
}
