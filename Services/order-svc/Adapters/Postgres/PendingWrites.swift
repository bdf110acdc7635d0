import CommonAdapters
import CommonKernel

/// Writes of one transaction whose results the caller does not read, kept back so that they travel with the
/// transaction's next statement or with its COMMIT instead of a round trip each.
///
/// Not thread-safe: it belongs to one transaction, which runs on one thread.
final class PendingWrites {
    private(set) var statements: [PostgresStatement] = []
    /// The error to throw instead of a unique violation of the named constraint.
    private var uniqueViolations: [String: AppError] = [:]

    /// Queues `statement`. When it violates the unique constraint `constraint`, the transaction
    /// fails with `error` in place of the `PostgresError`.
    func append(_ statement: PostgresStatement, uniqueViolation: (constraint: String, error: AppError)? = nil) {
        statements.append(statement)
        if let uniqueViolation { uniqueViolations[uniqueViolation.constraint] = uniqueViolation.error }
    }

    /// Returns the queued statements and empties the queue.
    func take() -> [PostgresStatement] {
        defer { statements.removeAll() }
        return statements
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
