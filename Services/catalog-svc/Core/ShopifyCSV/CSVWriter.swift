/// Writes CSV that `CSVReader` and spreadsheet programs read back field for field.
///
/// Records end with LF, as Shopify's own exports do. A field is quoted when it contains a
/// comma, a quote, a line break, or starts or ends with a space; quotes inside are doubled.
public struct CSVWriter: Sendable {
    public private(set) var text = ""

    public init() {}

    /// Appends one record.
    public mutating func write(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(",") }
            text.append(Self.escape(field))
        }
        text.append("\n")
    }

    static func escape(_ field: String) -> String {
        let needsQuotes =
            field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}
