import FoundationEssentials

/// Encodes as `{"amount": "1250.00", "currency": "BDT"}`, the API's form of an amount.
///
/// Decoding applies `Money.parse` with negatives allowed, because stored documents such as
/// refunds may carry them, and rejects unknown currency codes.
extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case amount
        case currency
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try Currency(code: container.decode(String.self, forKey: .currency))
        let amount = try container.decode(String.self, forKey: .amount)
        self = try Money.parse(amount, currency: currency, field: "amount", allowsNegative: true)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatted, forKey: .amount)
        try container.encode(currency.code, forKey: .currency)
    }
}
