import CommonAdapters
import FoundationEssentials

/// Numbers bind parameters while a statement is assembled, so values never become SQL text.
struct SQLParameters {
    private(set) var values: [any PostgresEncodable] = []

    /// Adds `value` and returns its placeholder, such as `$3`.
    mutating func bind(_ value: any PostgresEncodable) -> String {
        values.append(value)
        return "$\(values.count)"
    }
}

extension PostgresConnection {
    /// The maximum number of rows in one INSERT, because PostgreSQL allows 65,535 parameters per statement.
    static let insertChunkRows = 500

    /// Inserts `rows` into `table` with one multi-row statement per chunk of rows.
    ///
    /// Every row has one value per column; `conflictClause`, such as `ON CONFLICT (id) DO NOTHING`,
    /// is appended to each statement. Throws the `PostgresError` of the first failing statement.
    func insertRows(
        into table: String, columns: [String], rows: [[any PostgresEncodable]], conflictClause: String = ""
    ) throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + Self.insertChunkRows, rows.count)]
            var parameters = SQLParameters()
            let tuples = chunk.map { row in "(" + row.map { parameters.bind($0) }.joined(separator: ", ") + ")" }
            try execute(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", ")) "
                    + conflictClause,
                parameters.values)
            start += Self.insertChunkRows
        }
    }

    /// Takes the transaction-scoped advisory lock named `key`, waiting while another
    /// transaction holds it; the lock ends with the transaction.
    func lockForTransaction(_ key: String) throws {
        try execute("SELECT pg_advisory_xact_lock(hashtext($1))", [key])
    }
}
