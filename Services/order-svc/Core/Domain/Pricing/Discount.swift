import CommonKernel
import FoundationEssentials

/// A discount code a tenant hands out, with the rules for when it applies.
public struct Discount: Sendable, Equatable, Codable {
    /// The reduction of the subtotal.
    public enum Value: Sendable, Equatable, Codable {
        /// A share of the subtotal in basis points: 1000 is 10%, 10,000 is everything.
        case percentage(basisPoints: Int)
        /// A fixed amount, at most the subtotal.
        case fixed(Money)
    }

    /// The code customers type, stored in the form `Discount.normalizedCode` returns.
    public var code: String
    public var value: Value
    /// The subtotal before the discount that an order must reach.
    public var minimumSubtotal: Money?
    /// How many orders may use the code in total; nil for no limit.
    public var usageLimit: Int?
    /// How many orders have redeemed the code; cancelled unpaid orders give their use back.
    public var usageCount: Int
    public var startsAt: Date?
    /// The first instant at which the code no longer applies.
    public var endsAt: Date?
    public var isActive: Bool

    public init(
        code: String, value: Value, minimumSubtotal: Money? = nil, usageLimit: Int? = nil, usageCount: Int = 0,
        startsAt: Date? = nil, endsAt: Date? = nil, isActive: Bool = true
    ) {
        self.code = Discount.normalizedCode(code)
        self.value = value
        self.minimumSubtotal = minimumSubtotal
        self.usageLimit = usageLimit
        self.usageCount = usageCount
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.isActive = isActive
    }

    /// Returns `text` trimmed, in normalization form C, with its ASCII letters upper-cased, so
    /// that `summer10` and ` SUMMER10 ` name one code. Other letters keep their case: full
    /// upper-casing maps `ß` to `SS` and `ı` to `I`, which made `STRASSE` and `Straße`, or `II`
    /// and `iı`, one code.
    public static func normalizedCode(_ text: String) -> String {
        let composed = text.trimmingWhitespaceAndNewlines().canonicallyComposed
        return String(decoding: composed.utf8.map { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
        }, as: UTF8.self)
    }

    /// Whether another order may redeem the code under its usage limit.
    public var hasUsesLeft: Bool {
        usageLimit.map { usageCount < $0 } ?? true
    }
}
