import CPostgres
import FoundationEssentials

/// Readers of values sent in binary format (`PostgresResultFormat.binary`). Each checks the
/// column's format, its type and the value's length, and throws `PostgresError.decoding` when one
/// does not match or the value is NULL, so a changed query cannot be misread.
extension PostgresResultCells {
    /// Reads a `bigint` column.
    public func binaryInt64(row: Int, column: Int) throws -> Int64 {
        try fixedWidthValue(row: row, column: column, type: Self.int8, expected: "binary bigint") { Self.bigEndian($0) }
    }

    /// Reads a `uuid` column.
    public func binaryUUID(row: Int, column: Int) throws -> UUID {
        try fixedWidthValue(row: row, column: column, type: Self.uuid, expected: "binary uuid") { bytes in
            UUID(uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    /// Reads a `timestamptz` column as whole microseconds since 1970-01-01 UTC. The server sends
    /// microseconds since 2000-01-01, and the infinities as the extremes of `Int64`, which are
    /// refused here because no instant matches them.
    public func binaryTimestampMicroseconds(row: Int, column: Int) throws -> Int64 {
        let expected = "binary timestamptz"
        let sinceMillennium = try fixedWidthValue(row: row, column: column, type: Self.timestamptz, expected: expected) {
            Self.bigEndian($0)
        }
        guard sinceMillennium != .max, sinceMillennium != .min else {
            throw PostgresError.decoding(column: name(of: column), expected: "finite \(expected)")
        }
        return sinceMillennium + Self.millenniumSince1970Microseconds
    }

    /// Reads a `text` column, whose binary form is its UTF-8 bytes as in the text format.
    public func binaryText(row: Int, column: Int) throws -> String {
        try checkColumn(column, type: Self.text, expected: "binary text")
        guard let text = withValue(row: row, column: column, { $0.map { String(decoding: $0, as: UTF8.self) } }) else {
            throw PostgresError.decoding(column: name(of: column), expected: "binary text")
        }
        return text
    }

    private static let int8: Oid = 20
    private static let text: Oid = 25
    private static let timestamptz: Oid = 1184
    private static let uuid: Oid = 2950
    /// 2000-01-01 00:00 UTC, PostgreSQL's epoch for binary timestamps, in microseconds since 1970.
    private static let millenniumSince1970Microseconds: Int64 = 946_684_800_000_000

    private func fixedWidthValue<T>(
        row: Int, column: Int, type: Oid, expected: String, _ decode: (UnsafeBufferPointer<UInt8>) -> T
    ) throws -> T {
        try checkColumn(column, type: type, expected: expected)
        let width = type == Self.uuid ? 16 : 8
        let value = withValue(row: row, column: column) { bytes -> T? in
            guard let bytes, bytes.count == width else { return nil }
            return decode(bytes)
        }
        guard let value else { throw PostgresError.decoding(column: name(of: column), expected: expected) }
        return value
    }

    private func checkColumn(_ column: Int, type: Oid, expected: String) throws {
        let index = Int32(column)
        guard column >= 0, index < PQnfields(result), PQfformat(result, index) == 1, PQftype(result, index) == type else {
            throw PostgresError.decoding(column: name(of: column), expected: expected)
        }
    }

    private func name(of column: Int) -> String {
        guard column >= 0, Int32(column) < PQnfields(result), let name = PQfname(result, Int32(column)) else {
            return "#\(column)"
        }
        return String(cString: name)
    }

    private static func bigEndian(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        bytes.reduce(0) { value, byte in value << 8 | Int64(byte) }
    }
}
