import CPostgres
import CommonKernel

/// One libpq connection, used by one thread at a time.
///
/// Every connection runs `SET TimeZone = 'UTC'` after it connects. Queries are prepared once per
/// connection under a name (see `PreparedStatementCache`) and run with text-format parameters,
/// so values never become part of the SQL. Only `executeScript` sends SQL as it is.
public final class PostgresConnection {
    let handle: OpaquePointer
    /// Set when a failure left the protocol state unknown, so the pool must not reuse the connection.
    var isBroken = false
    /// Set when a value of `largeValueBytes` or more was sent or received, so that the pool closes
    /// the connection and its grown buffers instead of keeping it.
    var carriedLargeValue = false
    /// The statements prepared in the current server session.
    var preparedStatements: PreparedStatementCache
    // Retained here because libpq keeps only an unretained pointer to it.
    private let noticeLog: PostgresNoticeLog

    /// The default maximum number of prepared statements per connection. The services send a
    /// few dozen distinct statements, and each one costs the server some memory per session.
    static let defaultPreparedStatementLimit = 256

    /// Connects to `url`, which may be anything `PQconnectdb` accepts. Throws a `PostgresError`
    /// marked as a connection failure when the server cannot be reached or rejects the login.
    /// `preparedStatementLimit` bounds the statements kept prepared, and 0 prepares none.
    init(
        url: String, logger: Logger, connectTimeoutSeconds: Int = 5,
        preparedStatementLimit: Int = defaultPreparedStatementLimit
    ) throws {
        handle = try Self.connect(url: url, applicationName: logger.label, timeoutSeconds: connectTimeoutSeconds)
        preparedStatements = PreparedStatementCache(capacity: preparedStatementLimit)
        noticeLog = PostgresNoticeLog(logger: logger)
        PQsetNoticeReceiver(handle, postgresNoticeReceiver, Unmanaged.passUnretained(noticeLog).toOpaque())
        try execute("SET TimeZone = 'UTC'")
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs one statement with `$1`… bound to `parameters` and returns its rows.
    ///
    /// Throws `PostgresError` with the SQLSTATE when the server rejects the statement.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> [PostgresRow] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Self.rows(of: result)
    }

    /// Runs one statement with `$1`… bound to `parameters` and returns the number of rows it
    /// inserted, updated, deleted or selected (0 for other commands).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs several semicolon-separated statements without parameters, for migrations only.
    ///
    /// Without an explicit transaction in `sql`, the statements run in one implicit transaction.
    public func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result)
    }

    /// Sends one statement and returns its successful result, which the caller must `PQclear`.
    func run(_ sql: String, _ parameters: [any PostgresEncodable]) throws -> OpaquePointer {
        let texts = parameters.map(\.postgresText)
        noteLargeParameters(texts)
        // NOTE: libpq waits for the reply without a client-side limit, so a stalled server blocks
        // this thread. A URL parameter such as `options=-c%20statement_timeout%3D5000` bounds
        // statements on the server side.
        let result = try withCStringArray(texts) { values in
            try executePrepared(sql, count: Int32(texts.count), values: values)
        }
        do {
            try check(result)
        } catch let error as PostgresError {
            PQclear(result)
            forgetRejectedPlan(sql, error)
            throw error
        }
        noteLargeValues(in: result!)
        return result!
    }

    func check(_ result: OpaquePointer?) throws {
        let status = result.map { PQresultStatus($0) }
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw PostgresError(result: result, connection: handle)
        }
    }

    static func rows(of result: OpaquePointer) -> [PostgresRow] {
        let columns = columns(of: result)
        return (0..<Int(PQntuples(result))).map { row(_: $0, of: result, columns: columns) }
    }

    static func columns(of result: OpaquePointer) -> PostgresColumns {
        PostgresColumns(names: (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) })
    }

    static func row(_ row: Int, of result: OpaquePointer, columns: PostgresColumns) -> PostgresRow {
        let values = (0..<Int32(columns.names.count)).map { field -> String? in
            guard PQgetisnull(result, Int32(row), field) == 0, let value = PQgetvalue(result, Int32(row), field) else {
                return nil
            }
            // libpq stores each value's length, so the text is not scanned for its end first.
            let length = Int(PQgetlength(result, Int32(row), field))
            return value.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
            }
        }
        return PostgresRow(columns: columns, values: values)
    }

    // The URL goes in as `dbname` with expansion on, so it may be a URI or key=value pairs.
    // A connect_timeout or application_name in the URL overrides the defaults listed before it.
    private static func connect(url: String, applicationName: String, timeoutSeconds: Int) throws -> OpaquePointer {
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = [String(timeoutSeconds), applicationName, url]
        let connection = withCStringArray(keywords) { keywordList in
            withCStringArray(values) { valueList in PQconnectdbParams(keywordList, valueList, 1) }
        }
        guard let connection else {
            throw PostgresError(sqlState: nil, isConnectionFailure: true, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = PostgresError(connection: connection)
            PQfinish(connection)
            throw error
        }
        return connection
    }
}
