import CPostgres
import CommonKernel

/// Receives the notices and warnings that the server sends, which libpq would otherwise print
/// to standard error, and logs them as structured lines.
final class PostgresNoticeLog {
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func record(_ result: OpaquePointer) {
        let severity = PostgresError.field(result, "V") ?? "NOTICE"
        let fields = [
            "severity": severity,
            "sql_state": PostgresError.field(result, "C") ?? "",
            "detail": PostgresError.field(result, "M") ?? "",
        ]
        if severity == "WARNING" {
            logger.warning("database warning", fields)
        } else {
            logger.debug("database notice", fields)
        }
    }
}

/// The libpq notice receiver. Its context is the connection's unretained `PostgresNoticeLog`.
let postgresNoticeReceiver: PQnoticeReceiver = { context, result in
    guard let context, let result else { return }
    Unmanaged<PostgresNoticeLog>.fromOpaque(context).takeUnretainedValue().record(result)
}
