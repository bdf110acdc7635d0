import FoundationEssentials

extension EventEnvelope {
    enum CodingKeys: String, CodingKey {
        case id, type, version, data
        case tenantID = "tenant_id"
        case occurredAt = "occurred_at"
    }

    /// Encodes the envelope as the JSON text that the event stream carries, with sorted keys.
    /// Throws `EncodingError` when `data` contains a number that is not finite.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Decodes an envelope from the JSON text that `jsonText()` writes. Throws `DecodingError`
    /// naming the missing or invalid field.
    public init(jsonText: String) throws {
        self = try JSONDecoder().decode(EventEnvelope.self, from: Data(jsonText.utf8))
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(UUID.self, forKey: .id)
        type = try container.decode(String.self, forKey: .type)
        tenantID = try container.decode(UUID.self, forKey: .tenantID)
        let stamp = try container.decode(String.self, forKey: .occurredAt)
        guard let date = RFC3339.date(from: stamp) else {
            throw DecodingError.dataCorruptedError(
                forKey: .occurredAt, in: container, debugDescription: "not an RFC 3339 time")
        }
        occurredAt = date.truncatedToMicroseconds
        version = try container.decode(Int.self, forKey: .version)
        data = try container.decode(JSONValue.self, forKey: .data)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.lowercasedString, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(tenantID.lowercasedString, forKey: .tenantID)
        try container.encode(Self.microsecondTimestamp(occurredAt), forKey: .occurredAt)
        try container.encode(version, forKey: .version)
        try container.encode(data, forKey: .data)
    }

    /// Formats `date` as RFC 3339 in UTC with six fractional digits, such as
    /// `2024-05-01T09:30:00.250000Z`, because `RFC3339.string` keeps only milliseconds and a
    /// decoded envelope must equal the one that was encoded.
    static func microsecondTimestamp(_ date: Date) -> String {
        let microseconds = date.microsecondsSince1970
        let fraction = (microseconds % 1_000_000 + 1_000_000) % 1_000_000
        let seconds = Date(microsecondsSince1970: microseconds - fraction)
        let whole = seconds.formatted(Date.ISO8601FormatStyle())
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}
