import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Reads amounts stored as bigint minor units beside an ISO 4217 code column.
enum StoredMoney {
    static func currency(_ row: PostgresRow, _ column: String) throws -> Currency {
        let code = try row.string(column).trimmingWhitespace()
        do {
            return try Currency(code: code)
        } catch {
            throw PostgresError.decoding(column: column, expected: "ISO 4217 currency code")
        }
    }

    static func money(_ row: PostgresRow, _ column: String, currencyColumn: String) throws -> Money {
        Money(minorUnits: try row.int64(column), currency: try currency(row, currencyColumn))
    }

    static func money(_ row: PostgresRow, _ column: String, currency: Currency) throws -> Money {
        Money(minorUnits: try row.int64(column), currency: currency)
    }

    /// Returns nil when the amount column is NULL.
    static func optionalMoney(_ row: PostgresRow, _ column: String, currency: Currency) throws -> Money? {
        try row.optionalInt64(column).map { Money(minorUnits: $0, currency: currency) }
    }
}
