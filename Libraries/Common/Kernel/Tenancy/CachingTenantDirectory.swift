import FoundationEssentials
import Synchronization

/// A tenant directory with two cache levels in front of the real one: process memory, then a
/// shared cache (Redis). A warm lookup touches neither the database nor Redis.
///
/// Process memory is split by thread (`ThreadShardedState`), so request threads seldom wait
/// for each other. A thread whose shard lacks a name copies it from another shard first.
///
/// `invalidate(tenantID:)` drops a tenant's entries from process memory at once; entries also
/// expire after `localTTL` so that a missed invalidation heals by itself. Unknown names are
/// remembered for `negativeTTL` only, so a new tenant or domain shows up within that time even
/// without an invalidation.
///
/// A lookup that read a tenant just before it changed must not put the old record back after
/// the invalidation. In memory, a lookup keeps its result only when no invalidation happened
/// while it ran. In the shared cache, tenant-svc replaces a changed tenant's keys with
/// `changeFence` for `changeFenceSeconds`, which reads as a miss, and lookups only add keys
/// that are absent, so no lookup that started before the change can write during the fence.
public final class CachingTenantDirectory: TenantDirectory {
    private struct Entry {
        var tenant: TenantRecord?
        var expires: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// The count of invalidations so far.
        var generation: UInt64 = 0
    }

    /// The value that marks a shared key of a tenant that has just changed.
    public static let changeFence: [UInt8] = Array("changed".utf8)
    /// How long the fence stays: longer than a tenant lookup may take (the HTTP client gives up
    /// after 5 s), so a lookup that read the old record has ended before the fence lifts.
    public static let changeFenceSeconds = 30

    private let upstream: any TenantDirectory
    private let shared: (any KeyValueCache)?
    private let localTTL: TimeInterval
    private let sharedTTL: Int
    private let negativeTTL: TimeInterval
    private let state = ThreadShardedState { State() }
    private let logger: Logger
    private let metrics: MetricsRegistry?

    public init(
        upstream: any TenantDirectory, shared: (any KeyValueCache)?, logger: Logger, metrics: MetricsRegistry? = nil,
        localTTL: TimeInterval = 30, sharedTTL: Int = 300, negativeTTL: TimeInterval = 2
    ) {
        self.metrics = metrics
        self.upstream = upstream
        self.shared = shared
        self.logger = logger
        self.localTTL = localTTL
        self.sharedTTL = sharedTTL
        self.negativeTTL = negativeTTL
    }

    /// Builds the shared-cache key of a lookup; tenant-svc deletes these keys when a tenant changes.
    public static func cacheKey(_ kind: String, _ value: String) -> String { "tenant:v1:\(kind):\(value)" }

    public func tenant(customDomain domain: String) throws -> TenantRecord? {
        try lookup(key: Self.cacheKey("domain", domain)) { try upstream.tenant(customDomain: domain) }
    }

    public func tenant(subdomain: String) throws -> TenantRecord? {
        try lookup(key: Self.cacheKey("sub", subdomain)) { try upstream.tenant(subdomain: subdomain) }
    }

    public func tenant(id: UUID) throws -> TenantRecord? {
        try lookup(key: Self.cacheKey("id", id.lowercasedString)) { try upstream.tenant(id: id) }
    }

    /// Drops every cached entry of the tenant and every negative entry.
    public func invalidate(tenantID: UUID) {
        state.forEach { state in
            state.entries = state.entries.filter { _, entry in entry.tenant != nil && entry.tenant?.id != tenantID }
            state.generation &+= 1
        }
    }

    public func invalidateAll() {
        state.forEach { state in
            state.entries.removeAll()
            state.generation &+= 1
        }
    }

    private func lookup(key: String, load: () throws -> TenantRecord?) throws -> TenantRecord? {
        let now = Date()
        let (cached, generation) = state.withCurrent { ($0.entries[key], $0.generation) }
        if let cached, cached.expires > now {
            count("memory")
            return cached.tenant
        }
        if let entry = otherShardsEntry(key, now: now) {
            count("memory")
            state.withCurrent { state in
                if state.generation == generation { state.entries[key] = entry }
            }
            return entry.tenant
        }
        if let tenant = readShared(key) {
            count("shared")
            remember(key, tenant, now: now, generation: generation)
            return tenant
        }
        count("source")
        let tenant = try load()
        remember(key, tenant, now: now, generation: generation)
        if let tenant { addShared(key, tenant) }
        return tenant
    }

    private func count(_ level: String) {
        metrics?.increment("tenant_lookups_total", help: "Tenant lookups by the cache level that served them.", labels: [("level", level)])
    }

    /// Returns a live entry that another thread's shard holds, so that each name reaches the
    /// shared cache or the source once per process rather than once per shard.
    private func otherShardsEntry(_ key: String, now: Date) -> Entry? {
        var found: Entry?
        state.forEach { state in
            if found == nil, let entry = state.entries[key], entry.expires > now { found = entry }
        }
        return found
    }

    /// Keeps the result unless an invalidation happened since the lookup began.
    private func remember(_ key: String, _ tenant: TenantRecord?, now: Date, generation: UInt64) {
        let ttl = tenant == nil ? negativeTTL : localTTL
        state.withCurrent { state in
            guard state.generation == generation else { return }
            state.entries[key] = Entry(tenant: tenant, expires: now.addingTimeInterval(ttl))
        }
    }

    // A failing shared cache degrades to the upstream lookup instead of failing the request.
    private func readShared(_ key: String) -> TenantRecord? {
        guard let shared else { return nil }
        do {
            guard let bytes = try shared.get(key), bytes != Self.changeFence else { return nil }
            return try JSONCoding.decoder.decode(TenantRecord.self, from: Data(bytes))
        } catch {
            logger.warning("tenant cache read failed", ["error": "\(error)"])
            return nil
        }
    }

    private func addShared(_ key: String, _ tenant: TenantRecord) {
        guard let shared else { return }
        do {
            _ = try shared.add(key, Array(try JSONCoding.encoder.encode(tenant)), ttlSeconds: sharedTTL)
        } catch {
            logger.warning("tenant cache write failed", ["error": "\(error)"])
        }
    }
}
