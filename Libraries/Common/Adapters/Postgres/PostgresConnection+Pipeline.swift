import CPostgres

extension PostgresConnection {
    /// One statement of a pipeline.
    struct PipelinedStatement {
        var sql: String
        var parameters: [any PostgresEncodable]
    }

    /// Sends `statements` in one round trip with libpq's pipeline mode and waits for all of them.
    ///
    /// After a statement fails, the server skips the rest up to the sync point, and this throws
    /// the first failure. A connection failure, or a protocol state this code does not expect,
    /// marks the connection broken so that the pool discards it.
    func runPipeline(_ statements: [PipelinedStatement]) throws {
        guard PQenterPipelineMode(handle) == 1 else { throw brokenConnectionError() }
        for statement in statements {
            try send(statement)
        }
        guard PQpipelineSync(handle) == 1 else { throw brokenConnectionError() }

        let firstFailure = try readUntilSync()
        guard PQexitPipelineMode(handle) == 1 else { throw brokenConnectionError() }
        if let firstFailure { throw firstFailure }
    }

    private func send(_ statement: PipelinedStatement) throws {
        let texts = statement.parameters.map(\.postgresText)
        let sent = withCStringArray(texts) { values in
            PQsendQueryParams(handle, statement.sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw brokenConnectionError() }
    }

    /// Reads every result up to the sync point and returns the first statement failure.
    ///
    /// Each statement's results end with a NULL from `PQgetResult`. Two NULLs in a row mean that
    /// libpq has nothing pending although the sync result is missing, so the connection counts
    /// as broken rather than waiting forever.
    private func readUntilSync() throws -> PostgresError? {
        var firstFailure: PostgresError?
        var previousWasNull = false
        while true {
            guard let result = PQgetResult(handle) else {
                guard PQstatus(handle) == CONNECTION_OK, !previousWasNull else { throw brokenConnectionError() }
                previousWasNull = true
                continue
            }
            defer { PQclear(result) }
            previousWasNull = false

            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC { return firstFailure }
            if status == PGRES_FATAL_ERROR, firstFailure == nil {
                firstFailure = PostgresError(result: result, connection: handle)
            }
        }
    }

    private func brokenConnectionError() -> PostgresError {
        isBroken = true
        return PostgresError(connection: handle)
    }
}
