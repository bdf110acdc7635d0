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
        // The rows returned here are text, so a binary result is read with `pipeline(_:readingLast:)`.
        guard statements.allSatisfy({ $0.resultFormat == .text }) else {
            throw PostgresError(
                sqlState: nil, isConnectionFailure: false, message: "a binary result can only be read as the last result of pipeline(_:readingLast:)")
        }
        return try run(statements, keepingLast: false).results
    }

    /// Sends `statements` like `pipeline(_:)` and calls `read` with the last statement's result
    /// in libpq's memory, so that large values are copied once, straight to where they go. The
    /// other statements' results are dropped unread.
    public func pipeline<T>(
        _ statements: [PostgresStatement], readingLast read: (PostgresResultCells) throws -> T
    ) throws -> T {
        guard let last = try run(statements, keepingLast: true).last else {
            // Only an empty statement ends this way. The pipeline itself completed.
            throw PostgresError(sqlState: nil, isConnectionFailure: false, message: "the last statement returned no result")
        }
        defer { PQclear(last) }
        return try read(PostgresResultCells(result: last))
    }

    /// Runs the pipeline and returns each query's result, or with `keepingLast` only the last
    /// query's libpq result, which the caller must `PQclear`.
    private func run(
        _ statements: [PostgresStatement], keepingLast: Bool
    ) throws -> (results: [PostgresStatementResult], last: OpaquePointer?) {
        guard PQenterPipelineMode(handle) == 1 else { throw brokenConnectionError() }
        var preparedNow: [String] = []
        var isQuery: [Bool] = []
        for statement in statements {
            isQuery += try send(statement, preparedNow: &preparedNow)
        }
        guard PQpipelineSync(handle) == 1 else { throw brokenConnectionError() }

        let read = try readResults(isQuery, keepingLast: keepingLast)
        guard PQexitPipelineMode(handle) == 1 else {
            read.last.map(PQclear)
            throw brokenConnectionError()
        }
        if let firstFailure = read.firstFailure {
            read.last.map(PQclear)
            // A failed preparation leaves no statement behind, and a rejected plan must be
            // prepared again, so the names made by this pipeline cannot be trusted.
            preparedNow.forEach { preparedStatements.remove($0) }
            statements.forEach { forgetRejectedPlan($0.sql, firstFailure) }
            throw firstFailure
        }
        return (read.results, read.last)
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
        noteLargeParameters(texts)
        let format = statement.resultFormat.rawValue
        let sent = withCStringArray(texts) { values in
            if let name {
                return PQsendQueryPrepared(handle, name, Int32(texts.count), values, nil, nil, format)
            }
            return PQsendQueryParams(handle, statement.sql, Int32(texts.count), nil, values, nil, nil, format)
        }
        guard sent == 1 else { throw brokenConnectionError() }
        return queued + [true]
    }

    /// Reads the results of the queued requests and the sync point, and returns each query's
    /// result with the first failure. With `keepingLast`, only the last query's successful result
    /// is returned, uncleared and unconverted, because the caller reads nothing else.
    private func readResults(
        _ isQuery: [Bool], keepingLast: Bool
    ) throws -> (results: [PostgresStatementResult], last: OpaquePointer?, firstFailure: PostgresError?) {
        var results: [PostgresStatementResult] = []
        var firstFailure: PostgresError?
        var lastResult: OpaquePointer?
        let lastQuery = keepingLast ? isQuery.lastIndex(of: true) : nil
        for (index, query) in isQuery.enumerated() {
            var statementResult = PostgresStatementResult(rows: [], affectedRows: 0, command: "")
            // Each request's results end with a NULL from PQgetResult.
            while let result = PQgetResult(handle) {
                let status = PQresultStatus(result)
                let succeeded = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK
                if succeeded { noteLargeValues(in: result) }
                if succeeded, index == lastQuery, lastResult == nil {
                    lastResult = result
                    continue
                }
                defer { PQclear(result) }
                if status == PGRES_FATAL_ERROR, firstFailure == nil {
                    firstFailure = PostgresError(result: result, connection: handle)
                } else if succeeded, !keepingLast {
                    statementResult = Self.statementResult(of: result)
                }
            }
            if query, !keepingLast { results.append(statementResult) }
        }
        do {
            try readSync()
        } catch {
            lastResult.map(PQclear)
            throw error
        }
        return (results, lastResult, firstFailure)
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
