import FoundationEssentials
import CommonKernel

/// One row of a query result, with its values in PostgreSQL's text format.
///
/// The accessors look a column up by name. The non-optional ones throw
/// `PostgresError.decoding` when the column is missing, NULL, or not of the expected type.
/// The optional ones return nil for NULL and throw in the other two cases.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    public func string(_ column: String) throws -> String { try required(column, "text") { $0 } }
    public func optionalString(_ column: String) throws -> String? { try optional(column, "text") { $0 } }

    public func int(_ column: String) throws -> Int { try required(column, "Int") { Int($0) } }
    public func optionalInt(_ column: String) throws -> Int? { try optional(column, "Int") { Int($0) } }

    public func int64(_ column: String) throws -> Int64 { try required(column, "Int64") { Int64($0) } }
    public func optionalInt64(_ column: String) throws -> Int64? { try optional(column, "Int64") { Int64($0) } }

    public func bool(_ column: String) throws -> Bool { try required(column, "Bool", Self.parseBool) }

    public func uuid(_ column: String) throws -> UUID { try required(column, "UUID") { UUID(hexText: $0) } }
    public func optionalUUID(_ column: String) throws -> UUID? { try optional(column, "UUID") { UUID(hexText: $0) } }

    /// Reads a `timestamptz`, `timestamp` or `date` column in the forms that `PostgresTimestamp` parses.
    public func date(_ column: String) throws -> Date { try required(column, "timestamp", PostgresTimestamp.parse) }
    public func optionalDate(_ column: String) throws -> Date? {
        try optional(column, "timestamp", PostgresTimestamp.parse)
    }

    /// Reads a `float8`, `float4` or `numeric` column. A `numeric` value may lose precision.
    public func double(_ column: String) throws -> Double { try required(column, "Double", Self.parseDouble) }

    /// Reads a `bytea` column in the server's default hex output format.
    public func bytes(_ column: String) throws -> [UInt8] { try required(column, "bytea", Self.parseBytea) }

    /// Returns true when the column is NULL, and also when the row has no such column.
    public func isNull(_ column: String) -> Bool {
        guard let index = columns.index(of: column) else { return true }
        return values[index] == nil
    }

    private func text(_ column: String, _ type: String) throws -> String? {
        guard let index = columns.index(of: column) else { throw PostgresError.decoding(column: column, expected: type) }
        return values[index]
    }

    private func required<T>(_ column: String, _ type: String, _ parse: (String) -> T?) throws -> T {
        guard let text = try text(column, type), let value = parse(text) else {
            throw PostgresError.decoding(column: column, expected: type)
        }
        return value
    }

    private func optional<T>(_ column: String, _ type: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = try text(column, type) else { return nil }
        guard let value = parse(text) else { throw PostgresError.decoding(column: column, expected: type) }
        return value
    }
}

/// The column names of a result, shared by all its rows.
final class PostgresColumns: Sendable {
    let names: [String]
    private let indexes: [String: Int]

    init(names: [String]) {
        self.names = names
        // With duplicate names, as in `SELECT a.id, b.id`, the first column wins.
        indexes = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func index(of name: String) -> Int? { indexes[name] }
}
