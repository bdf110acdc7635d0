import CommonAdapters
import CommonKernel
import Foundation
import OrderCore

/// The connection of one open transaction, shared by the repositories of that transaction.
///
/// `@unchecked Sendable` is safe because repositories built on it are handed only to the `work`
/// closure of their transaction, which runs on the thread that uses the connection.
struct TransactionConnection: @unchecked Sendable {
    let connection: PostgresConnection

    @discardableResult
    func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> [PostgresRow] {
        try connection.query(sql, parameters)
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try connection.execute(sql, parameters)
    }

    /// Inserts `rows` into `table` with one statement, each row holding one value per column.
    /// Does nothing for an empty list. `suffix` is appended, such as an `ON CONFLICT` clause.
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
        try execute(sql, values)
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
