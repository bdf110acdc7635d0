import CommonKernel

/// Parsers for the typed cells of a Shopify file. Each returns nil for an empty cell, and records
/// an error naming the column for a cell it cannot read.
struct ShopifyFieldParsing {
    let header: ShopifyHeader
    let record: CSVRecord
    private(set) var errors: [ImportIssue] = []

    init(header: ShopifyHeader, record: CSVRecord) {
        self.header = header
        self.record = record
    }

    mutating func fail(_ column: ShopifyColumn, _ message: String) {
        errors.append(ImportIssue(row: record.row, column: column.rawValue, message: message))
    }

    /// Reads a "true" or "false" cell in any letter case.
    mutating func bool(_ column: ShopifyColumn) -> Bool? {
        guard let text = nonEmpty(column) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            fail(column, "\"\(text)\" is not a boolean; expected TRUE or FALSE")
            return nil
        }
    }

    /// Reads a whole number that may be negative, such as an oversold inventory count.
    mutating func integer(_ column: ShopifyColumn) -> Int? {
        guard let text = nonEmpty(column) else { return nil }
        guard let value = Int(text), abs(value) <= 1_000_000_000 else {
            fail(column, "\"\(text)\" is not a whole number; expected digits such as 12 or -2")
            return nil
        }
        return value
    }

    /// Reads a cell whose value must be one of an enumeration's raw values, in any letter case.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ column: ShopifyColumn, _ type: Choice.Type
    ) -> Choice?
    where Choice.RawValue == String {
        guard let text = nonEmpty(column) else { return nil }
        if let choice = Choice(rawValue: text.lowercased()) { return choice }
        let allowed = Choice.allCases.map { $0.rawValue }.joined(separator: ", ")
        fail(column, "\"\(text)\" is not valid; expected one of \(allowed)")
        return nil
    }

    /// Reads an amount in the shop's currency, parsed as strictly as the API does.
    mutating func money(_ column: ShopifyColumn, currency: Currency) -> Money? {
        guard let text = nonEmpty(column) else { return nil }
        do {
            return try Money.parse(text, currency: currency, field: column.rawValue)
        } catch let error as AppError {
            fail(column, error.fieldErrors.first?.message ?? error.detail)
        } catch {
            fail(column, "\"\(text)\" is not a valid amount")
        }
        return nil
    }

    /// Reads a weight in grams with optional decimals, returned in milligrams.
    mutating func milligrams(_ column: ShopifyColumn) -> Int64? {
        guard let text = nonEmpty(column) else { return nil }
        guard let milligrams = Weight.milligrams(fromGrams: text) else {
            fail(column, "\"\(text)\" is not a weight in grams; expected a number such as 145 or 226.8")
            return nil
        }
        return milligrams
    }

    /// Returns the trimmed cell, or nil when the column is missing or the cell is empty.
    func nonEmpty(_ column: ShopifyColumn) -> String? {
        guard let text = header.value(column, in: record), !text.isEmpty else { return nil }
        return text
    }
}
