/// One SQL statement with its `$1`… parameters, for sending several in one round trip.
public struct PostgresStatement {
    public var sql: String
    public var parameters: [any PostgresEncodable]

    public init(_ sql: String, _ parameters: [any PostgresEncodable] = []) {
        self.sql = sql
        self.parameters = parameters
    }
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
