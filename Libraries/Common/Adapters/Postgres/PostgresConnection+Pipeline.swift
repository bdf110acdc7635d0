import CPostgres

extension PostgresConnection {
    /// Sends `statements` in one round trip with libpq's pipeline mode and returns the result of
    /// each, in order. Statements are prepared on first use like those of `query`.
    ///
    /// After a statement fails, the server skips the rest up to the sync point, and this throws
    /// the first failure. Inside a transaction, that transaction is then aborted and must be
    /// rolled back. A connection failure, or a protocol state this code does not expect, marks
    /// the connection broken so that the pool discards it.
    public func pipeline(_ statements: [PostgresStatement]) throws -> [PostgresStatementResult] {
        guard PQenterPipelineMode(handle) == 1 else { throw brokenConnectionError() }
        var preparedNow: [String] = []
        var isQuery: [Bool] = []
        for statement in statements {
            isQuery += try send(statement, preparedNow: &preparedNow)
        }
        guard PQpipelineSync(handle) == 1 else { throw brokenConnectionError() }

        let (results, firstFailure) = try readResults(isQuery)
        guard PQexitPipelineMode(handle) == 1 else { throw brokenConnectionError() }
        if let firstFailure {
            // A failed preparation leaves no statement behind, and a rejected plan must be
            // prepared again, so the names made by this pipeline cannot be trusted.
            preparedNow.forEach { preparedStatements.remove($0) }
            statements.forEach { forgetRejectedPlan($0.sql, firstFailure) }
            throw firstFailure
        }
        return results
    }

    /// Queues the statement, preceded by its preparation when it is new and the cache has room,
    /// and returns one flag per queued request: true for the query, false for a preparation.
    /// A full cache sends the statement unnamed, because evicting needs a round trip of its own.
    private func send(_ statement: PostgresStatement, preparedNow: inout [String]) throws -> [Bool] {
        var queued: [Bool] = []
        var name = preparedStatements.name(for: statement.sql)
        if name == nil, !preparedStatements.isFull, let added = preparedStatements.add(statement.sql) {
            guard PQsendPrepare(handle, added.name, statement.sql, 0, nil) == 1 else {
                preparedStatements.remove(statement.sql)
                throw brokenConnectionError()
            }
            preparedNow.append(statement.sql)
            queued.append(false)
            name = added.name
        }

        let texts = statement.parameters.map(\.postgresText)
        let sent = withCStringArray(texts) { values in
            if let name {
                return PQsendQueryPrepared(handle, name, Int32(texts.count), values, nil, nil, 0)
            }
            return PQsendQueryParams(handle, statement.sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw brokenConnectionError() }
        return queued + [true]
    }

    /// Reads the results of the queued requests and the sync point, and returns each query's
    /// result with the first failure.
    private func readResults(_ isQuery: [Bool]) throws -> ([PostgresStatementResult], PostgresError?) {
        var results: [PostgresStatementResult] = []
        var firstFailure: PostgresError?
        for query in isQuery {
            var statementResult = PostgresStatementResult(rows: [], affectedRows: 0, command: "")
            // Each request's results end with a NULL from PQgetResult.
            while let result = PQgetResult(handle) {
                defer { PQclear(result) }
                let status = PQresultStatus(result)
                if status == PGRES_FATAL_ERROR, firstFailure == nil {
                    firstFailure = PostgresError(result: result, connection: handle)
                } else if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
                    statementResult = Self.statementResult(of: result)
                }
            }
            if query { results.append(statementResult) }
        }
        try readSync()
        return (results, firstFailure)
    }

    /// Reads up to the sync result. Two NULLs in a row mean that libpq has nothing pending
    /// although the sync result is missing, so the connection counts as broken rather than
    /// waiting forever.
    private func readSync() throws {
        var previousWasNull = false
        while true {
            guard let result = PQgetResult(handle) else {
                guard PQstatus(handle) == CONNECTION_OK, !previousWasNull else { throw brokenConnectionError() }
                previousWasNull = true
                continue
            }
            defer { PQclear(result) }
            previousWasNull = false
            if PQresultStatus(result) == PGRES_PIPELINE_SYNC { return }
        }
    }

    private static func statementResult(of result: OpaquePointer) -> PostgresStatementResult {
        let tag = String(cString: PQcmdStatus(result))
        let command = tag.split(separator: " ").prefix { !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
        return PostgresStatementResult(
            rows: rows(of: result), affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0, command: command)
    }

    private func brokenConnectionError() -> PostgresError {
        isBroken = true
        return PostgresError(connection: handle)
    }
}
