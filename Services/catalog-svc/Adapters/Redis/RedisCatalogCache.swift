import CommonAdapters
import CommonKernel
import Foundation
import Synchronization

/// Pre-encoded public read responses in Redis, versioned per tenant.
///
/// Keys always carry the tenant id: `catalog:v1:{tenant}:version` counts the tenant's catalog
/// writes, and entries live under `catalog:v1:{tenant}:v{version}:{key}`. A write runs `INCR`
/// on the version, so every entry of the tenant goes out of use with one command and the next
/// read misses. Entries expire after `ttlSeconds`. A failing Redis never fails a request:
/// reads fall back to the database, and the cache is skipped for a few seconds so that
/// requests do not each wait for Redis to time out.
public final class RedisCatalogCache: Sendable {
    private let redis: RedisClient
    private let logger: Logger
    private let ttlSeconds: Int
    /// False when `CATALOG_CACHE=off`: reads always miss and nothing is stored, but writes
    /// still bump the version, so other processes with the cache on stay correct.
    private let isEnabled: Bool
    private let skippedUntil = Mutex(Date.distantPast)
    private let metrics: MetricsRegistry?

    public init(redis: RedisClient, logger: Logger, ttlSeconds: Int, isEnabled: Bool, metrics: MetricsRegistry? = nil) {
        self.redis = redis
        self.logger = logger
        self.ttlSeconds = ttlSeconds
        self.isEnabled = isEnabled
        self.metrics = metrics
    }

    /// One round trip: reads the tenant's version and the entry stored under it.
    private static let readScript = """
        local version = redis.call('GET', KEYS[1]) or '0'
        return {version, redis.call('GET', ARGV[1] .. version .. ':' .. ARGV[2])}
        """

    /// Returns the tenant's current version and the entry stored for `key` under it, if any.
    /// The version is nil when the cache is off or Redis failed, which means "do not store".
    func read(tenantID: UUID, key: String) -> (version: String?, body: [UInt8]?) {
        guard isEnabled, skippedUntil.withLock({ $0 }) < Date() else {
            count("bypassed")
            return (nil, nil)
        }
        let prefix = Self.prefix(tenantID)
        do {
            let reply = try redis.command(["EVAL", Self.readScript, "1", prefix + "version", prefix + "v", key])
            guard let parts = reply.array, parts.count == 2, let version = parts[0].text else {
                skip(after: "unexpected reply \(reply)", operation: "read", tenantID: tenantID)
                count("failed")
                return (nil, nil)
            }
            guard case .string(let body) = parts[1] else {
                count("miss")
                return (version, nil)
            }
            return (version, body)
        } catch {
            skip(after: String(describing: error), operation: "read", tenantID: tenantID)
            count("failed")
            return (nil, nil)
        }
    }

    /// Counts a public read that the cache did not serve. Hits are left out because each labelled
    /// increment escapes its labels with Foundation string calls, which stood out in perf profiles
    /// of cache hits. Hits are the route's requests minus these.
    private func count(_ reason: String) {
        metrics?.increment(
            "catalog_cache_misses_total", help: "Public product reads that the cache did not serve, by reason.",
            labels: [("reason", reason)])
    }

    /// Stores `body` for `key` under `version`. A write since `read` has moved the tenant to a
    /// newer version, so an entry stored under the old one is never read.
    func store(tenantID: UUID, version: String, key: String, body: [UInt8]) {
        let storageKey = Self.prefix(tenantID) + "v\(version):\(key)"
        do {
            try redis.command(bytes: [
                Array("SET".utf8), Array(storageKey.utf8), body, Array("EX".utf8), Array(String(ttlSeconds).utf8),
            ])
        } catch {
            skip(after: String(describing: error), operation: "store", tenantID: tenantID)
        }
    }

    /// Moves the tenant to a new version, so its next public read misses.
    // NOTE: when Redis is unreachable here, entries written before the change stay readable
    // until they expire (`ttlSeconds`), because nothing retries the version bump later.
    func invalidate(tenantID: UUID) {
        do {
            try redis.command(["INCR", Self.prefix(tenantID) + "version"])
        } catch {
            logger.error(
                "catalog cache invalidation failed",
                ["tenant.id": tenantID.lowercasedString, "error": String(describing: error)])
        }
    }

    static func prefix(_ tenantID: UUID) -> String {
        "catalog:v1:\(tenantID.lowercasedString):"
    }

    private func skip(after error: String, operation: String, tenantID: UUID) {
        skippedUntil.withLock { $0 = Date().addingTimeInterval(5) }
        logger.warning(
            "catalog cache unavailable, skipping it for 5 seconds",
            ["operation": operation, "tenant.id": tenantID.lowercasedString, "error": error])
    }
}
