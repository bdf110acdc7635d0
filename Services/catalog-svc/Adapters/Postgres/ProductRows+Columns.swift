import CommonAdapters
import FoundationEssentials

// Column readers for the product read path, which decodes a few hundred ids and arrays per page.
// They accept the same text as `textArray` and `uuidArray` but work on the UTF-8 bytes instead
// of per-scalar string building.

extension PostgresRow {
    /// Reads a one-dimensional `text[]` column. Throws `PostgresError.decoding` when it is missing,
    /// NULL or malformed.
    func textElements(_ column: String) throws -> [String] {
        guard let elements = Self.parseArray(try string(column)) else {
            throw PostgresError.decoding(column: column, expected: "text[]")
        }
        return elements
    }

    /// Reads a one-dimensional `uuid[]` column. Throws `PostgresError.decoding` when it is missing,
    /// NULL or malformed.
    func hexUUIDElements(_ column: String) throws -> [UUID] {
        var ids: [UUID] = []
        for element in try textElements(column) {
            guard let id = UUID(hexText: element) else { throw PostgresError.decoding(column: column, expected: "uuid[]") }
            ids.append(id)
        }
        return ids
    }

    /// Parses an array literal as the server prints it, following `PostgresArray.parse`. Elements
    /// are quoted only when needed, and a backslash inside quotes escapes the next byte.
    /// The delimiters are ASCII, so working byte by byte keeps multi-byte characters intact.
    static func parseArray(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { utf8 -> [String]? in
            guard utf8.count >= 2, utf8.first == UInt8(ascii: "{"), utf8.last == UInt8(ascii: "}") else { return nil }
            let end = utf8.count - 1
            if end == 1 { return [] }

            var elements: [String] = []
            var current: [UInt8] = []
            var quoted = false
            var index = 1
            while index < end {
                let byte = utf8[index]
                if quoted, byte == UInt8(ascii: "\\"), index + 1 < end {
                    index += 1
                    current.append(utf8[index])
                } else if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if byte == UInt8(ascii: ","), !quoted {
                    elements.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(byte)
                }
                index += 1
            }
            elements.append(String(decoding: current, as: UTF8.self))
            return elements
        }
    }
}

/// A `uuid[]` parameter in array literal form. Ids need no quotes, which keeps it cheaper to build
/// than `PostgresArray`. Cast it in SQL as `$n::uuid[]`.
struct UUIDArrayParameter: PostgresEncodable {
    let ids: [UUID]

    var postgresText: String? {
        "{" + ids.map(\.lowercasedString).joined(separator: ",") + "}"
    }
}
