import FoundationEssentials

/// Counts taken from a file by a second, minimal reading that shares no code with the importer:
/// a character-level split into records, then plain counting by handle.
public struct ShopifyFileCounts: Sendable {
    public var records = 0
    public var products = 0
    public var variants = 0
    public var images = 0
    public var repeatedSKURows = 0

    /// Counts the records, products, variants, images and repeated SKUs of the file at `url`.
    public init(_ url: URL) throws {
        var rows = Self.split(try String(contentsOf: url, encoding: .utf8))
        let header = rows.removeFirst().map { $0.trimmingWhitespace() }
        let column = { (name: String) in header.firstIndex(of: name) }
        let cell = { (row: [String], name: String) -> String in
            guard let index = column(name), index < row.count else { return "" }
            return row[index].trimmingWhitespace()
        }
        records = rows.count

        var handles: Set<String> = []
        var imageKeys: Set<String> = []
        var variantImageKeys: Set<String> = []
        var skuCounts: [String: Int] = [:]
        for row in rows {
            let handle = cell(row, "Handle")
            handles.insert(handle)
            let describesVariant =
                !cell(row, "Option1 Value").isEmpty || !cell(row, "Variant SKU").isEmpty
                || !cell(row, "Variant Price").isEmpty
            if describesVariant { variants += 1 }
            if !cell(row, "Image Src").isEmpty { imageKeys.insert(handle + " " + cell(row, "Image Src")) }
            if !cell(row, "Variant Image").isEmpty {
                variantImageKeys.insert(handle + " " + cell(row, "Variant Image"))
            }
            if describesVariant, !cell(row, "Variant SKU").isEmpty {
                skuCounts[cell(row, "Variant SKU"), default: 0] += 1
            }
        }
        products = handles.count
        images = imageKeys.union(variantImageKeys).count
        repeatedSKURows = skuCounts.values.map { $0 - 1 }.reduce(0, +)
    }

    /// Splits CSV text into rows of fields, character by character.
    public static func split(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        characters.append("\n")
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" && index + 1 < characters.count && characters[index + 1] == "\"" {
                    field.append("\"")
                    index += 1
                } else if character == "\"" {
                    quoted = false
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                row.append(field)
                if row != [""] { rows.append(row) }
                row = []
                field = ""
            } else {
                field.append(character)
            }
            index += 1
        }
        return rows
    }
}
