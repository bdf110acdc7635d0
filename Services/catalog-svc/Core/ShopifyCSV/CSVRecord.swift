/// One record of a CSV file with the numbers a person uses to find it.
///
/// `row` follows spreadsheet programs, which is how merchants look at Shopify exports. The
/// header is row 1, and each later record is the next row even when a quoted field spans several
/// lines. Blank lines count as rows although they produce no record. `line` is the
/// 1-based physical line where the record starts, for text editors. The two differ only after
/// a record with line breaks inside quotes.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var row: Int
    public var line: Int

    public init(fields: [String], row: Int, line: Int) {
        self.fields = fields
        self.row = row
        self.line = line
    }

    /// Returns the field at `index`, or an empty string when the record is shorter.
    public subscript(index: Int) -> String {
        fields.indices.contains(index) ? fields[index] : ""
    }
}
