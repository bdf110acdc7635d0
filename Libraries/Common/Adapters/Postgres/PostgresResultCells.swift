import CPostgres

/// The values of one query result, read in libpq's memory, for a caller that copies large values
/// straight into its output instead of making a `String` of each first.
///
/// A view is valid only inside the closure that receives it: libpq frees the result afterwards.
public struct PostgresResultCells {
    let result: OpaquePointer

    public var rowCount: Int { Int(PQntuples(result)) }

    /// Returns the position of the column called `name`, which must be lower case: libpq folds an
    /// unquoted name to lower case before it compares. Throws `PostgresError.decoding` when the
    /// result has no such column.
    public func column(_ name: String) throws -> Int {
        let index = PQfnumber(result, name)
        guard index >= 0 else { throw PostgresError.decoding(column: name, expected: "column") }
        return Int(index)
    }

    /// Calls `body` with the text of the value in `row` and `column`, or with nil when it is NULL.
    /// The bytes are valid only during the call.
    public func withValue<T>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        let (row32, column32) = (Int32(row), Int32(column))
        guard PQgetisnull(result, row32, column32) == 0, let value = PQgetvalue(result, row32, column32) else {
            return try body(nil)
        }
        let length = Int(PQgetlength(result, row32, column32))
        return try value.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            try body(UnsafeBufferPointer(start: bytes, count: length))
        }
    }

    /// Returns every row with its values as strings, as `PostgresConnection.query` does.
    public func rows() -> [PostgresRow] {
        PostgresConnection.rows(of: result)
    }

    /// Returns `row` with its values as strings, for the accessors of `PostgresRow`.
    public func row(_ row: Int) -> PostgresRow {
        PostgresConnection.row(row, of: result, columns: PostgresConnection.columns(of: result))
    }
}
