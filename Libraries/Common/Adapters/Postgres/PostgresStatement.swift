/// One SQL statement with its `$1`… parameters, for sending several in one round trip.
public struct PostgresStatement {
    public var sql: String
    public var parameters: [any PostgresEncodable]
    /// The format of the values in its result. Parameters are always sent as text.
    public var resultFormat: PostgresResultFormat

    public init(_ sql: String, _ parameters: [any PostgresEncodable] = [], resultFormat: PostgresResultFormat = .text) {
        self.sql = sql
        self.parameters = parameters
        self.resultFormat = resultFormat
    }
}

/// The encoding of a result's values: text, or each type's binary send format, which spares the
/// server the text conversion of numbers, ids and timestamps. Binary results are read with
/// `PostgresResultCells`, because `PostgresRow` reads only text.
public enum PostgresResultFormat: Int32, Sendable {
    case text = 0
    case binary = 1
}

/// The outcome of one statement of a pipeline.
public struct PostgresStatementResult {
    /// The rows it returned, empty for commands without `RETURNING`.
    public var rows: [PostgresRow]
    /// The number of rows it inserted, updated, deleted or selected (0 for other commands).
    public var affectedRows: Int
    /// The command tag without the row count, such as `COMMIT` or `ROLLBACK`.
    public var command: String
}
