import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// The connection of one open transaction, shared by the repositories of that transaction.
///
/// `@unchecked Sendable` is safe because repositories built on it are handed only to the `work`
/// closure of their transaction, which runs on the thread that uses the connection.
struct TransactionConnection: @unchecked Sendable {
    let connection: PostgresConnection
    /// The queue for `write`, or nil to send each write at once, for transactions whose owner
    /// commits without knowing of a queue.
    var pendingWrites: PendingWrites?

    init(connection: PostgresConnection, pendingWrites: PendingWrites? = nil) {
        self.connection = connection
        self.pendingWrites = pendingWrites
    }

    /// Runs one statement, after the queued writes and in the same round trip, and returns its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> [PostgresRow] {
        try run([PostgresStatement(sql, parameters)])[0].rows
    }

    /// Runs one statement like `query` and returns the number of rows it changed or selected.
    @discardableResult
    func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try run([PostgresStatement(sql, parameters)])[0].affectedRows
    }

    /// Runs `statements` after the queued writes, in one round trip, and returns their results.
    func run(_ statements: [PostgresStatement]) throws -> [PostgresStatementResult] {
        guard let pendingWrites, !pendingWrites.statements.isEmpty else {
            return try connection.pipeline(statements)
        }
        return try pendingWrites.send(before: statements, through: connection.pipeline)
    }

    /// Sends a statement whose rows the caller does not read: queued when the transaction has a queue,
    /// at once otherwise. A queued statement fails later, with the statement or COMMIT that
    /// sends it, and `uniqueViolation` then replaces a unique violation of its constraint.
    /// `check` runs on the statement's result once it has been sent, always before the commit,
    /// and what it throws fails the transaction.
    func write(
        _ statement: PostgresStatement, uniqueViolation: (constraint: String, error: AppError)? = nil,
        check: PendingWrites.Check? = nil
    ) throws {
        if let pendingWrites {
            pendingWrites.append(statement, uniqueViolation: uniqueViolation, check: check)
            return
        }
        let result: PostgresStatementResult
        do {
            result = try connection.pipeline([statement])[0]
        } catch let error as PostgresError where error.isUniqueViolation && error.constraint == uniqueViolation?.constraint {
            throw uniqueViolation!.error
        }
        try check?(result)
    }

    /// Inserts `rows` into `table` with one statement, each row holding one value per column,
    /// through `write`. Does nothing for an empty list. `suffix` is appended, such as an `ON CONFLICT` clause.
    func insert(
        into table: String, columns: [String], rows: [[any PostgresEncodable]], suffix: String = ""
    ) throws {
        guard !rows.isEmpty else { return }
        var values: [any PostgresEncodable] = []
        var tuples: [String] = []
        for row in rows {
            let placeholders = row.indices.map { "$\(values.count + $0 + 1)" }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            values += row
        }
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + tuples.joined(separator: ", ") + " " + suffix
        try write(PostgresStatement(sql, values))
    }

    /// The repositories of this transaction, in the shape the use cases take.
    var repositories: OrderTransaction {
        OrderTransaction(
            carts: PostgresCartRepository(database: self), orders: PostgresOrderRepository(database: self),
            discounts: PostgresDiscountRepository(database: self),
            checkoutAttempts: PostgresIdempotencyStore(database: self),
            settings: PostgresOrderSettingsRepository(database: self), events: PostgresOrderEventSink(database: self))
    }
}

/// Turns a lost or unreachable database into the error the `OrderStore` port promises.
enum DatabaseFailure {
    static func translating<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as PostgresError where error.isConnectionFailure {
            throw AppError(
                .unavailable, code: "database.unavailable", detail: "The database is unreachable; retry shortly.")
        }
    }
}
