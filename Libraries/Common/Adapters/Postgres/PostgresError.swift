import CPostgres

/// A failure reported by PostgreSQL or libpq, or a column that did not decode.
///
/// `description` is generic (`database error 23505`) so that it can reach a response or a log
/// without leaking SQL or values. `debugDescription` carries the server's full message and
/// belongs in logs only.
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible {
    /// The SQLSTATE code, such as `23505`, or nil for client-side failures.
    public var sqlState: String?
    /// The violated constraint's name, when the server reports one.
    public var constraint: String?
    /// True when the connection was lost or could not be opened.
    public var isConnectionFailure: Bool
    /// The generic summary, free of SQL and values.
    public var description: String
    /// The full message from the server or libpq, which can contain values.
    public var debugDescription: String

    /// True for SQLSTATE 23505 (`unique_violation`).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    init(
        sqlState: String?, constraint: String? = nil, isConnectionFailure: Bool, description: String? = nil,
        message: String
    ) {
        self.sqlState = sqlState
        self.constraint = constraint
        self.isConnectionFailure = isConnectionFailure
        self.description = description ?? Self.genericDescription(sqlState: sqlState, isConnectionFailure: isConnectionFailure)
        self.debugDescription = message
    }

    /// Makes the error for a column that is missing, NULL, or not of the expected type.
    public static func decoding(column: String, expected type: String) -> PostgresError {
        PostgresError(
            sqlState: nil, isConnectionFailure: false,
            description: "database column \(column) could not be read as \(type)",
            message: "column \(column) is missing, NULL or not a valid \(type)")
    }

    private static func genericDescription(sqlState: String?, isConnectionFailure: Bool) -> String {
        if let sqlState { return "database error \(sqlState)" }
        return isConnectionFailure ? "database connection failed" : "database error"
    }
}

extension PostgresError {
    /// Reads the error fields of a failed result. `result` is nil when libpq had no memory or
    /// no connection.
    init(result: OpaquePointer?, connection: OpaquePointer) {
        let sqlState = result.flatMap { Self.field($0, "C") }
        let message = result.flatMap { Self.field($0, "M") } ?? Self.connectionMessage(connection)
        self.init(
            sqlState: sqlState, constraint: result.flatMap { Self.field($0, "n") },
            isConnectionFailure: PQstatus(connection) != CONNECTION_OK || Self.isConnectionState(sqlState),
            message: message)
    }

    /// Describes a connection that failed to open or broke, from libpq's message.
    init(connection: OpaquePointer) {
        self.init(sqlState: nil, isConnectionFailure: true, message: Self.connectionMessage(connection))
    }

    // PQresultErrorField takes the one-letter field codes of the protocol, such as 'C' for
    // SQLSTATE, because Swift does not import the PG_DIAG_* character macros.
    static func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        PQresultErrorField(result, Int32(UInt8(ascii: code))).map { String(cString: $0) }
    }

    private static func connectionMessage(_ connection: OpaquePointer) -> String {
        PQerrorMessage(connection).map { String(cString: $0) }?.trimmingSuffixNewlines() ?? "no message"
    }

    // Class 08 is connection_exception, and 57P01 to 57P03 mean the server is shutting down or
    // cannot accept connections yet.
    private static func isConnectionState(_ sqlState: String?) -> Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}

extension String {
    fileprivate func trimmingSuffixNewlines() -> String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
