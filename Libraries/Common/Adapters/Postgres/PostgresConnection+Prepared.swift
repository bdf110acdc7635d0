import CPostgres

extension PostgresConnection {
    /// The number of statements currently prepared on this connection by its cache.
    var preparedStatementCount: Int { preparedStatements.count }

    /// Runs `sql` as a named prepared statement, preparing it on first use, and returns libpq's
    /// result for `check`. With a cache capacity of 0 it runs the SQL unnamed (`PQexecParams`).
    ///
    /// Throws the preparation's `PostgresError`, such as a syntax error, without caching the SQL.
    func executePrepared(
        _ sql: String, count: Int32, values: UnsafePointer<UnsafePointer<CChar>?>
    ) throws -> OpaquePointer? {
        guard let name = try preparedName(for: sql) else {
            return PQexecParams(handle, sql, count, nil, values, nil, nil, 0)
        }
        return PQexecPrepared(handle, name, count, values, nil, nil, 0)
    }

    /// Returns the name of `sql`'s prepared statement, preparing it when it is new.
    private func preparedName(for sql: String) throws -> String? {
        if let name = preparedStatements.name(for: sql) { return name }
        guard let added = preparedStatements.add(sql) else { return nil }
        if let evicted = added.evicted { deallocate(evicted) }

        let result = PQprepare(handle, added.name, sql, 0, nil)
        defer { PQclear(result) }
        do {
            try check(result)
        } catch {
            preparedStatements.remove(sql)
            throw error
        }
        return added.name
    }

    /// Frees an evicted statement on the server. The cache has already forgotten it, and names
    /// are never reused, so a failure only leaves the statement until the session ends. It
    /// fails in a transaction that an earlier error aborted.
    private func deallocate(_ name: String) {
        let result = PQexec(handle, "DEALLOCATE \(name)")
        PQclear(result)
    }

    /// Forgets a statement whose cached plan the server can no longer use, so that the next call
    /// prepares it again. PostgreSQL reports 0A000 ("cached plan must not change result type")
    /// when a table under a `SELECT *` statement gained or lost columns since it was prepared.
    func forgetRejectedPlan(_ sql: String, _ error: PostgresError) {
        if error.sqlState == "0A000" { preparedStatements.remove(sql) }
    }
}
