import FoundationEssentials

/// The counts and problems of an import. Encoded with the shared snake_case coder, its keys
/// are `rows_total`, `rows_done`, `products_created` and so on.
public struct ImportReport: Sendable, Equatable, Codable {
    /// At most this many errors and as many warnings are listed; the counts include the rest.
    public static let maximumListedIssues = 1000

    /// The data records in the file, not counting the header.
    public var rowsTotal = 0
    /// The records processed so far, whether they were imported or skipped with an error.
    public var rowsDone = 0
    public var productsCreated = 0
    public var productsUpdated = 0
    public var variantsCreated = 0
    public var variantsUpdated = 0
    public var errorCount = 0
    public var warningCount = 0
    public var errors: [ImportIssue] = []
    public var warnings: [ImportIssue] = []

    public init() {}

    mutating func addError(_ issue: ImportIssue) {
        errorCount += 1
        if errors.count < Self.maximumListedIssues { errors.append(issue) }
    }

    mutating func addWarning(_ issue: ImportIssue) {
        warningCount += 1
        if warnings.count < Self.maximumListedIssues { warnings.append(issue) }
    }
}

/// A problem found in one row of an imported file.
public struct ImportIssue: Sendable, Equatable, Codable {
    /// The 1-based row as spreadsheet programs show it: the header is row 1 and each record,
    /// even one whose quoted field spans several lines, is one row (see `CSVRecord.row`).
    public var row: Int
    /// The column's header name; empty when the problem concerns the whole row.
    public var column: String
    public var message: String

    public init(row: Int, column: String, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }
}
