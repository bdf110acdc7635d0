import CommonAdapters
import FoundationEssentials

/// A one-dimensional array bound in PostgreSQL's array literal form, such as `{"a","b"}`.
///
/// Every element is quoted with `"` and `\` escaped, so any text survives, including commas,
/// braces and the word NULL. Cast the parameter in SQL (`$1::text[]`, `$1::uuid[]`).
struct PostgresArray: PostgresEncodable {
    let elements: [String]

    init(_ elements: [String]) {
        self.elements = elements
    }

    init(_ ids: [UUID]) {
        elements = ids.map { $0.lowercasedString }
    }

    var postgresText: String? {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text.append(",") }
            text.append("\"")
            for character in element.unicodeScalars {
                if character == "\\" || character == "\"" { text.append("\\") }
                text.unicodeScalars.append(character)
            }
            text.append("\"")
        }
        text.append("}")
        return text
    }

    /// Parses the text form of a one-dimensional `text[]` or `uuid[]` as the server prints it.
    ///
    /// The server quotes an element only when it needs to (empty, spaces, commas, quotes,
    /// braces, backslashes or the word NULL), and writes NULL elements as a bare `NULL`, which
    /// the catalog never stores. Returns nil for text that is not such an array.
    static func parse(_ text: String) -> [String]? {
        var characters = Array(text.unicodeScalars)
        guard characters.first == "{", characters.last == "}" else { return nil }
        characters = Array(characters.dropFirst().dropLast())
        if characters.isEmpty { return [] }

        var elements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        var quoted = false
        while index < characters.count {
            let character = characters[index]
            if quoted, character == "\\", index + 1 < characters.count {
                index += 1
                current.append(characters[index])
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                elements.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(character)
            }
            index += 1
        }
        elements.append(String(current))
        return elements
    }
}

extension PostgresRow {
    /// Reads a `text[]` column; throws `PostgresError.decoding` when it is missing, NULL or malformed.
    func textArray(_ column: String) throws -> [String] {
        guard let elements = PostgresArray.parse(try string(column)) else {
            throw PostgresError.decoding(column: column, expected: "text[]")
        }
        return elements
    }

    /// Reads a `uuid[]` column; throws `PostgresError.decoding` when it is missing, NULL or malformed.
    func uuidArray(_ column: String) throws -> [UUID] {
        let ids = try textArray(column).map(UUID.init(uuidString:))
        guard !ids.contains(nil) else { throw PostgresError.decoding(column: column, expected: "uuid[]") }
        return ids.compactMap { $0 }
    }

    /// Reads an epoch-milliseconds column, selected in SQL as `catalog.epoch_ms(column)`, as a `Date`
    /// equal to the one `Date.truncatedToMilliseconds` made before it was stored.
    func milliseconds(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: Double(try int64(column)) / 1000)
    }

    func optionalMilliseconds(_ column: String) throws -> Date? {
        try optionalInt64(column).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
}
