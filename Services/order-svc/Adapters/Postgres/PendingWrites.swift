import CommonAdapters
import CommonKernel

/// Writes of one transaction whose results the caller does not read, kept back so that they travel with the
/// transaction's next statement or with its COMMIT instead of a round trip each.
///
/// Not thread-safe: it belongs to one transaction, which runs on one thread.
final class PendingWrites {
    /// A test of a queued statement's result, which throws to fail the transaction.
    typealias Check = (PostgresStatementResult) throws -> Void

    private(set) var statements: [PostgresStatement] = []
    /// One entry per queued statement.
    private var checks: [Check?] = []
    /// The error to throw instead of a unique violation of the named constraint.
    private var uniqueViolations: [String: AppError] = [:]

    /// Whether a queued statement has a check, which must run before the transaction commits.
    var hasChecks: Bool { checks.contains { $0 != nil } }

    /// Queues `statement`. When it violates the unique constraint `constraint`, the transaction
    /// fails with `error` in place of the `PostgresError`. `check` runs on its result once the
    /// statement has been sent, and what it throws fails the transaction.
    func append(
        _ statement: PostgresStatement, uniqueViolation: (constraint: String, error: AppError)? = nil,
        check: Check? = nil
    ) {
        statements.append(statement)
        checks.append(check)
        if let uniqueViolation { uniqueViolations[uniqueViolation.constraint] = uniqueViolation.error }
    }

    /// Returns the queued statements and empties the queue. Their checks are dropped, so use
    /// `send(before:through:)` while any statement has one.
    func take() -> [PostgresStatement] {
        defer {
            statements.removeAll()
            checks.removeAll()
        }
        return statements
    }

    /// Sends the queued statements and then `next` through `send`, in that order, runs the
    /// queued statements' checks in order, and returns the results of `next`.
    func send(
        before next: [PostgresStatement], through send: ([PostgresStatement]) throws -> [PostgresStatementResult]
    ) throws -> [PostgresStatementResult] {
        let queuedChecks = checks
        let queued = take()
        let results = try translatingViolations { try send(queued + next) }
        for (check, result) in zip(queuedChecks, results) {
            try check?(result)
        }
        return Array(results.dropFirst(queued.count))
    }

    /// Runs `body`, which sends the taken statements, and translates a registered unique violation.
    func translatingViolations<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as PostgresError where error.isUniqueViolation {
            guard let constraint = error.constraint, let translated = uniqueViolations[constraint] else { throw error }
            throw translated
        }
    }
}
