import CommonKernel

/// The position of each known column in a file's header, which may hold any subset in any order.
struct ShopifyHeader: Sendable {
    private let indexes: [ShopifyColumn: Int]
    /// Header names that are not Shopify product columns, such as metafields or market prices.
    let unknownColumns: [(name: String, index: Int)]

    /// Maps `header`'s names to columns, ignoring letter case and surrounding spaces.
    ///
    /// Throws `invalidInput` with code `import.missing_column` naming every required column that
    /// is missing.
    init(_ header: CSVRecord) throws {
        var byName: [String: ShopifyColumn] = [:]
        for column in ShopifyColumn.allCases { byName[column.rawValue.lowercased()] = column }

        var indexes: [ShopifyColumn: Int] = [:]
        var unknown: [(String, Int)] = []
        for (index, name) in header.fields.enumerated() {
            let trimmed = name.trimmingWhitespace()
            if let column = byName[trimmed.lowercased()] {
                if indexes[column] == nil { indexes[column] = index }
            } else if !trimmed.isEmpty {
                unknown.append((trimmed, index))
            }
        }
        let missing = ShopifyColumn.required.filter { indexes[$0] == nil }.map(\.rawValue)
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw AppError(
                .invalidInput, code: "import.missing_column",
                detail: "The file has no \(names) column. Shopify product files need it in the header row (row 1).",
                extensions: ["missing_columns": .array(missing.map { .string($0) })])
        }
        self.indexes = indexes
        self.unknownColumns = unknown
    }

    func has(_ column: ShopifyColumn) -> Bool { indexes[column] != nil }

    /// Returns the position of `column` in the header, or nil when the file has no such column.
    func index(of column: ShopifyColumn) -> Int? { indexes[column] }

    /// The columns whose values the import reads, with their positions, in header order.
    var importedColumns: [(column: ShopifyColumn, index: Int)] {
        indexes.filter { !$0.key.isIgnored }.map { ($0.key, $0.value) }.sorted { $0.index < $1.index }
    }

    /// Returns the trimmed value of `column` in `record`, or nil when the file has no such column.
    func value(_ column: ShopifyColumn, in record: CSVRecord) -> String? {
        guard let index = indexes[column] else { return nil }
        return record[index].trimmingWhitespace()
    }

    /// Returns the value of `column` exactly as written, for HTML bodies whose spacing matters.
    func rawValue(_ column: ShopifyColumn, in record: CSVRecord) -> String? {
        indexes[column].map { record[$0] }
    }

    /// Returns the trimmed value of `column`, or an empty string when the column is missing or empty.
    func text(_ column: ShopifyColumn, in record: CSVRecord) -> String {
        value(column, in: record) ?? ""
    }
}
