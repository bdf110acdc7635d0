import CommonKernel
import FoundationEssentials

/// The settings every service reads from its environment, with development defaults.
///
/// `describe()` lists every variable for `--help`; `.env.example` documents the same set.
public struct ServiceConfiguration: Sendable {
    public enum Mode: String, Sendable {
        case development
        case test
        case production
    }

    /// The signing secret used outside production when `JWT_SECRET` is unset; never use it for real.
    static let developmentSecret = "development-only-secret-change-me-0123456789"

    public var service: String
    public var mode: Mode
    public var host: String
    public var port: Int
    public var databaseURL: String
    public var migrationDatabaseURL: String
    public var databaseAppRole: String
    public var databasePoolSize: Int
    public var redisURL: String
    public var domain: String
    public var defaultTenant: String
    public var jwtSecret: String
    public var tenantServiceURL: String
    public var logLevel: Logger.Level
    public var httpThreads: Int
    /// Threads that run the handlers of routes marked blocking, off the HTTP polling threads.
    public var httpBlockingThreads: Int
    /// Blocking requests that may wait for those threads before further ones get 503.
    public var httpBlockingQueue: Int
    public var threadPerConnection: Bool
    public var maxBodyBytes: Int
    /// Free heap bytes each malloc arena keeps instead of returning them to the kernel at once.
    public var heapRetainBytes: Int
    /// The maximum number of malloc arenas (`HEAP_ARENAS`), or 0 for glibc's own limit.
    public var heapArenas: Int
    /// The whole environment, for service-specific settings read by the service's own config.
    public var environment: [String: String]

    /// Reads the settings; throws `ConfigurationError` naming every bad or missing variable.
    /// `defaultHTTPThreads` applies when `HTTP_THREADS` is unset.
    public static func load(
        service: String, defaultPort: Int, defaultHTTPThreads: Int = 16,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServiceConfiguration {
        var reader = EnvironmentReader(environment)
        let modeText = reader.string("APP_ENV", default: "development")
        let mode = Mode(rawValue: modeText) ?? .development
        if Mode(rawValue: modeText) == nil { reader.reject("APP_ENV=\(modeText) is invalid: expected development, test or production.") }
        let databaseURL = reader.string("DATABASE_URL", default: "postgresql://commerce_app@127.0.0.1:55432/commerce")
        let secret = mode == .production
            ? reader.required("JWT_SECRET", purpose: "the token signing secret, at least 32 random characters")
            : reader.string("JWT_SECRET", default: developmentSecret)
        if mode == .production, !secret.isEmpty, secret.utf8.count < 32 { reader.reject("JWT_SECRET is too short: use at least 32 random characters.") }
        let levelText = reader.string("LOG_LEVEL", default: "info")
        if Logger.Level(name: levelText) == nil { reader.reject("LOG_LEVEL=\(levelText) is invalid: expected trace, debug, info, warning or error.") }
        let threadModel = reader.string("HTTP_THREAD_MODEL", default: "pool")
        if !["pool", "per-connection"].contains(threadModel) { reader.reject("HTTP_THREAD_MODEL=\(threadModel) is invalid: expected pool or per-connection.") }

        let configuration = ServiceConfiguration(
            service: service, mode: mode,
            host: reader.string("SERVICE_HOST", default: "127.0.0.1"),
            port: reader.int("PORT", default: defaultPort, range: 1...65_535),
            databaseURL: databaseURL,
            migrationDatabaseURL: reader.string("MIGRATION_DATABASE_URL", default: databaseURL),
            databaseAppRole: reader.string("DATABASE_APP_ROLE", default: "commerce_app"),
            databasePoolSize: reader.int("DATABASE_POOL_SIZE", default: 8, range: 1...200),
            redisURL: reader.string("REDIS_URL", default: "redis://127.0.0.1:56379/0"),
            domain: reader.string("DOMAIN", default: "localhost").lowercased(),
            defaultTenant: reader.string("DEFAULT_TENANT", default: "demo"),
            jwtSecret: secret,
            tenantServiceURL: reader.string("TENANT_SERVICE_URL", default: "http://127.0.0.1:8101"),
            logLevel: Logger.Level(name: levelText) ?? .info,
            httpThreads: reader.int("HTTP_THREADS", default: defaultHTTPThreads, range: 1...1_024),
            httpBlockingThreads: reader.int("HTTP_BLOCKING_THREADS", default: 8, range: 1...1_024),
            httpBlockingQueue: reader.int("HTTP_BLOCKING_QUEUE", default: 64, range: 0...100_000),
            threadPerConnection: threadModel == "per-connection",
            maxBodyBytes: reader.int("HTTP_MAX_BODY_BYTES", default: 1 << 20, range: 1_024...(1 << 30)),
            heapRetainBytes: reader.int("HEAP_RETAIN_BYTES", default: 1 << 20, range: 0...(32 << 20)),
            heapArenas: reader.int("HEAP_ARENAS", default: 1, range: 0...1_024),
            environment: environment)
        try reader.validate()
        return configuration
    }

    /// The variables read by `load`, with defaults, for `--help`.
    public static let documentation: [(name: String, meaning: String)] = [
        ("APP_ENV", "development, test or production (default development); production requires JWT_SECRET"),
        ("SERVICE_HOST", "address to listen on (default 127.0.0.1)"),
        ("PORT", "port to listen on (default: the service's own, 8101 to 8105)"),
        ("DATABASE_URL", "libpq URL of the application role that owns no table (default postgresql://commerce_app@127.0.0.1:55432/commerce)"),
        ("MIGRATION_DATABASE_URL", "libpq URL of the schema owner role, used by migrate (default DATABASE_URL)"),
        ("DATABASE_APP_ROLE", "role granted access by migrate (default commerce_app)"),
        ("DATABASE_POOL_SIZE", "PostgreSQL connections per process (default 8)"),
        ("REDIS_URL", "redis://host:port/db (default redis://127.0.0.1:56379/0)"),
        ("DOMAIN", "platform domain: shops answer on {shop}.DOMAIN, the admin panel on admin.DOMAIN (default localhost)"),
        ("DEFAULT_TENANT", "subdomain of the shop served on DOMAIN itself (default demo)"),
        ("JWT_SECRET", "HS256 token signing secret, shared by all services (required in production)"),
        ("TENANT_SERVICE_URL", "tenant-svc base URL for tenant lookups (default http://127.0.0.1:8101)"),
        ("LOG_LEVEL", "trace, debug, info, warning or error (default info)"),
        ("HTTP_THREADS", "HTTP polling threads in pool mode (default: the service's own, 4 for tenant-svc, 16 for the others)"),
        ("HTTP_BLOCKING_THREADS", "threads in pool mode for the handlers of blocking routes, such as login (default 8)"),
        ("HTTP_BLOCKING_QUEUE", "blocking requests that may wait for those threads; further ones get 503 (default 64)"),
        ("HTTP_THREAD_MODEL", "pool or per-connection (default pool)"),
        ("HTTP_MAX_BODY_BYTES", "largest accepted request body in bytes (default 1048576)"),
        ("HEAP_RETAIN_BYTES", "free heap bytes each malloc arena may keep at its top while the process is busy; an idle trim returns the free heap, except the top of an arena other than the main one (see HEAP_ARENAS); 0 for glibc's default, at most 33554432 (default 1048576)"),
        ("HEAP_ARENAS", "maximum number of malloc arenas the threads share, so that with 1 an idle trim returns all free heap memory, or 0 for glibc's limit of eight per core (default 1)"),
    ]
}
