import CommonKernel
import FoundationEssentials

/// The adapters one service process shares between its routes: database pool, Redis, tokens,
/// metrics and the cached tenant directory. Built once by `ServiceRunner` and never global.
public final class ServiceRuntime: Sendable {
    public let configuration: ServiceConfiguration
    public let logger: Logger
    public let metrics: MetricsRegistry
    public let database: PostgresPool
    public let redis: RedisClient
    public let cache: RedisCache
    public let tokens: any TokenService
    /// Revocation instants that tenant-svc writes and every request's authentication checks.
    public let revocations: RedisTokenRevocations
    public let passwords: any PasswordHasher
    /// The client for calls to other services: plain sockets for `http://`, libcurl for other schemes.
    public let httpClient: any HTTPClient
    /// Drops changed tenants from this process's caches; event consumers of `tenant.updated` call it.
    public let tenantChanges = TenantChangeHub()

    init(configuration: ServiceConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        metrics = MetricsRegistry()
        database = PostgresPool(url: configuration.databaseURL, size: configuration.databasePoolSize, logger: logger)
        redis = RedisClient(url: configuration.redisURL, logger: logger)
        cache = RedisCache(client: redis)
        tokens = HMACTokenService(secret: Array(configuration.jwtSecret.utf8))
        revocations = RedisTokenRevocations(redis: redis, logger: logger)
        passwords = Argon2PasswordHasher()
        httpClient = UpstreamHTTPClient(timeoutSeconds: 5, logger: logger)
    }

    /// Runs the `/ready` checks: PostgreSQL and Redis respond.
    public func readinessChecks() -> [String: Result<Void, Error>] {
        [
            "database": Result { try database.ping() },
            "redis": Result { try redis.ping() },
        ]
    }
}
