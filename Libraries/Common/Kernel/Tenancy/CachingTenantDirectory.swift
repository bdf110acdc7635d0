import Foundation
import Synchronization

/// A tenant directory with two cache levels in front of the real one: process memory, then a
/// shared cache (Redis). A warm lookup touches neither the database nor Redis.
///
/// `invalidate(tenantID:)` drops a tenant's entries from process memory at once; entries also
/// expire after `localTTL` so that a missed invalidation heals by itself. Unknown names are
/// remembered for `negativeTTL` only, so a new tenant or domain shows up within that time even
/// without an invalidation.
public final class CachingTenantDirectory: TenantDirectory {
    private struct Entry {
        var tenant: TenantRecord?
        var expires: Date
    }

    private let upstream: any TenantDirectory
    private let shared: (any KeyValueCache)?
    private let localTTL: TimeInterval
    private let sharedTTL: Int
    private let negativeTTL: TimeInterval
    private let entries = Mutex<[String: Entry]>([:])
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
        try lookup(key: Self.cacheKey("id", id.uuidString.lowercased())) { try upstream.tenant(id: id) }
    }

    /// Drops every cached entry of the tenant and every negative entry.
    public func invalidate(tenantID: UUID) {
        entries.withLock { entries in
            entries = entries.filter { _, entry in entry.tenant != nil && entry.tenant?.id != tenantID }
        }
    }

    public func invalidateAll() {
        entries.withLock { $0.removeAll() }
    }

    private func lookup(key: String, load: () throws -> TenantRecord?) throws -> TenantRecord? {
        let now = Date()
        if let entry = entries.withLock({ $0[key] }), entry.expires > now {
            count("memory")
            return entry.tenant
        }
        if let tenant = readShared(key) {
            count("shared")
            remember(key, tenant, now: now)
            return tenant
        }
        count("source")
        let tenant = try load()
        remember(key, tenant, now: now)
        if let tenant { writeShared(key, tenant) }
        return tenant
    }

    private func count(_ level: String) {
        metrics?.increment("tenant_lookups_total", help: "Tenant lookups by the cache level that served them.", labels: [("level", level)])
    }

    private func remember(_ key: String, _ tenant: TenantRecord?, now: Date) {
        let ttl = tenant == nil ? negativeTTL : localTTL
        entries.withLock { $0[key] = Entry(tenant: tenant, expires: now.addingTimeInterval(ttl)) }
    }

    // A failing shared cache degrades to the upstream lookup instead of failing the request.
    private func readShared(_ key: String) -> TenantRecord? {
        guard let shared else { return nil }
        do {
            guard let bytes = try shared.get(key) else { return nil }
            return try JSONCoding.decoder.decode(TenantRecord.self, from: Data(bytes))
        } catch {
            logger.warning("tenant cache read failed", ["error": "\(error)"])
            return nil
        }
    }

    private func writeShared(_ key: String, _ tenant: TenantRecord) {
        guard let shared else { return }
        do {
            try shared.set(key, Array(try JSONCoding.encoder.encode(tenant)), ttlSeconds: sharedTTL)
        } catch {
            logger.warning("tenant cache write failed", ["error": "\(error)"])
        }
    }
}
