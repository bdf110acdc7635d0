import CommonAdapters
import CommonKernel
import FoundationEssentials
import Synchronization

/// Pre-encoded public read responses in Redis, versioned per tenant.
///
/// Keys always carry the tenant id: `catalog:v1:{tenant}:version` counts the tenant's catalog
/// writes from a random start, and entries live under `catalog:v1:{tenant}:v{version}:{key}`.
/// A write runs `INCR` on the version and publishes the new version on
/// `CatalogVersionFeed.channel` in the same script, so every entry of the tenant goes out of use
/// with one command, in Redis and in every process's `MemoryResponseCache`. Readers take the
/// version from the feed's table when it is trusted and read it from Redis otherwise.
/// Entries expire after `ttlSeconds`. A failing Redis never fails a request:
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
    /// The pushed versions, or nil to read the version from Redis on every public read.
    let feed: CatalogVersionFeed?

    init(
        redis: RedisClient, logger: Logger, ttlSeconds: Int, isEnabled: Bool, feed: CatalogVersionFeed?,
        metrics: MetricsRegistry? = nil
    ) {
        self.redis = redis
        self.logger = logger
        self.ttlSeconds = ttlSeconds
        self.isEnabled = isEnabled
        self.feed = feed
        self.metrics = metrics
    }

    /// Returns the tenant's current cache version: from the feed's table when it has the tenant,
    /// and otherwise with one small `GET`, whose result the table then keeps. The version is nil
    /// when the cache is off or Redis failed, which means "neither serve nor store".
    func version(tenantID: UUID) -> Int64? {
        guard isEnabled else {
            count("bypassed")
            return nil
        }
        var generation: Int?
        switch feed?.lookup(tenantID: tenantID) {
        case .known(let version): return version
        case .unknown(let current): generation = current
        case .unavailable, nil: break
        }
        guard let version = readVersion(tenantID: tenantID) else { return nil }
        if let feed, let generation { feed.table.learn(tenantID: tenantID, version: version, generation: generation) }
        return version
    }

    /// Reads the tenant's version from Redis, starting it when it is missing.
    private func readVersion(tenantID: UUID) -> Int64? {
        guard skippedUntil.withLock({ $0 }) < Date() else {
            count("bypassed")
            return nil
        }
        let key = Self.prefix(tenantID) + "version"
        do {
            var reply = try redis.command(["GET", key])
            if reply == .null { reply = try redis.command(["EVAL", Self.startVersionScript, "1", key, Self.randomStart()]) }
            guard let text = reply.text, let version = Int64(text) else {
                skip(after: "unexpected version reply \(reply)", operation: "read", tenantID: tenantID)
                count("failed")
                return nil
            }
            return version
        } catch {
            skip(after: String(describing: error), operation: "read", tenantID: tenantID)
            count("failed")
            return nil
        }
    }

    /// Returns the entry stored for `key` under `version`, or nil when there is none or Redis failed.
    func entry(tenantID: UUID, version: Int64, key: String) -> [UInt8]? {
        do {
            guard case .string(let body) = try redis.command(["GET", Self.entryKey(tenantID, version, key)]) else {
                count("miss")
                return nil
            }
            return body
        } catch {
            skip(after: String(describing: error), operation: "read", tenantID: tenantID)
            count("failed")
            return nil
        }
    }

    /// Sets a missing version to a random start and returns the version, as text.
    ///
    /// Counting from a random start rather than from 0 keeps versions from repeating after Redis
    /// lost its data, so that an entry kept in a process's memory under an old version cannot
    /// match again. Versions are 64-bit integers, so `INCR` still works on them.
    private static let startVersionScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'NX')
        return redis.call('GET', KEYS[1])
        """

    /// Moves a version to the next number, starting it like `startVersionScript` when it is
    /// missing, publishes `{ARGV[3]} {version}` on channel ARGV[2] and returns the version as
    /// text. The script reads the version back with `GET` because Lua 5.1 would print a number
    /// this large in exponent notation. Running both commands in one script makes the order of
    /// the messages the order of the versions.
    private static let nextVersionScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'NX')
        redis.call('INCR', KEYS[1])
        local version = redis.call('GET', KEYS[1])
        redis.call('PUBLISH', ARGV[2], ARGV[3] .. ' ' .. version)
        return version
        """

    private static func randomStart() -> String {
        String(Int64.random(in: 1...(1 << 48)))
    }

    /// Counts a public read that Redis did not serve, by reason. The reason is `bypassed` or
    /// `failed` when the version could not be read, and `miss` when Redis had no entry for a read
    /// that memory missed too. Redis hits are `catalog_memory_cache_total{event="miss"}` minus these.
    private func count(_ reason: String) {
        metrics?.increment(
            "catalog_cache_misses_total", help: "Public product reads that the cache did not serve, by reason.",
            labels: [("reason", reason)])
    }

    /// Stores `body` for `key` under `version`. A write since `read` has moved the tenant to a
    /// newer version, so an entry stored under the old one is never read.
    func store(tenantID: UUID, version: Int64, key: String, body: [UInt8]) {
        let storageKey = Self.entryKey(tenantID, version, key)
        do {
            try redis.command(bytes: [
                Array("SET".utf8), Array(storageKey.utf8), body, Array("EX".utf8), Array(String(ttlSeconds).utf8),
            ])
        } catch {
            skip(after: String(describing: error), operation: "store", tenantID: tenantID)
        }
    }

    /// Moves the tenant to a new version and publishes it, so that the next public read misses in
    /// this process at once and, once this returns, in every process subscribed on this host.
    // NOTE: when Redis is unreachable here, entries written before the change stay readable
    // until they expire (`ttlSeconds`), because nothing retries the version bump later.
    func invalidate(tenantID: UUID) {
        do {
            let key = Self.prefix(tenantID) + "version"
            let reply = try redis.command([
                "EVAL", Self.nextVersionScript, "1", key, Self.randomStart(), CatalogVersionFeed.channel,
                tenantID.lowercasedString,
            ])
            guard let text = reply.text, let version = Int64(text) else {
                logger.error(
                    "catalog cache invalidation returned an unexpected reply",
                    ["tenant.id": tenantID.lowercasedString, "reply": String(describing: reply)])
                return
            }
            feed?.table.advance(tenantID: tenantID, to: version)
            // Redis writes a published message to the subscribers' sockets in the same event-loop
            // pass as the reply to the script, sometimes after that reply. It reads the next
            // command only in a later pass, so once PING returns, every subscriber's socket has
            // the message and `CatalogVersionFeed.lookup` in each process reports it as pending.
            try redis.command(["PING"])
        } catch {
            logger.error(
                "catalog cache invalidation failed",
                ["tenant.id": tenantID.lowercasedString, "error": String(describing: error)])
        }
    }

    static func prefix(_ tenantID: UUID) -> String {
        "catalog:v1:\(tenantID.lowercasedString):"
    }

    private static func entryKey(_ tenantID: UUID, _ version: Int64, _ key: String) -> String {
        prefix(tenantID) + "v\(version):\(key)"
    }

    private func skip(after error: String, operation: String, tenantID: UUID) {
        skippedUntil.withLock { $0 = Date().addingTimeInterval(5) }
        logger.warning(
            "catalog cache unavailable, skipping it for 5 seconds",
            ["operation": operation, "tenant.id": tenantID.lowercasedString, "error": error])
    }
}
