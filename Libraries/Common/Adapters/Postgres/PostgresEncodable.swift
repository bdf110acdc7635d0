import CommonKernel
import FoundationEssentials

/// A value that can be bound to a query parameter in PostgreSQL's text format.
///
/// The server parses the text according to the parameter's inferred type, so a cast in the
/// SQL (`$1::uuid`) settles ambiguous cases.
public protocol PostgresEncodable {
    /// The text form of the value, or nil to bind SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresEncodable {
    public var postgresText: String? { self }
}

extension Int: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresEncodable {
    public var postgresText: String? { self ? "t" : "f" }
}

extension Double: PostgresEncodable {
    /// The shortest text that reads back as the same value, with PostgreSQL's spelling of
    /// infinities and NaN.
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return description
    }
}

extension UUID: PostgresEncodable {
    /// The lower-case form that PostgreSQL itself prints.
    public var postgresText: String? { lowercasedString }
}

extension Date: PostgresEncodable {
    /// RFC 3339 in UTC with microseconds, the precision of `timestamptz`.
    public var postgresText: String? { PostgresTimestamp.format(self) }
}

extension Array: PostgresEncodable where Element == UInt8 {
    /// The `bytea` hex form: a backslash, `x`, then two lower-case hex digits per byte.
    public var postgresText: String? {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = Array(#"\x"#.utf8)
        characters.reserveCapacity(2 + count * 2)
        for byte in self {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self.flatMap { $0.postgresText } }
}

/// A JSON document bound as text, for `jsonb` and `json` parameters.
public struct JSONText: PostgresEncodable, Sendable, Hashable {
    /// The serialized JSON, which PostgreSQL validates when it parses the parameter.
    public var json: String

    public init(_ json: String) {
        self.json = json
    }

    /// Encodes `value` with the project's JSON settings (snake_case keys, RFC 3339 times).
    public init<Value: Encodable>(encoding value: Value) throws {
        json = String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
    }

    public var postgresText: String? { json }
}
