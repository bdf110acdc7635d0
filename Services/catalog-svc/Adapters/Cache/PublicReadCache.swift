import CommonKernel
import FoundationEssentials

/// The two layers that serve public product reads: encoded responses in this process's memory,
/// then in Redis, both under the tenant's cache version that Redis holds.
///
/// Every public read first looks up that version. Redis pushes each new version to every
/// catalog-svc process (`CatalogVersionFeed`), so a memory hit usually needs no Redis command.
/// While the push channel is down, or a message may be waiting on its socket, the version is
/// read from Redis instead. A write is visible on the next read of the writing process, and of
/// every other process once the message has reached its socket, which on one host happens
/// before the write's response. When Redis cannot be reached, both layers are bypassed and
/// every read is built from the database.
struct PublicReadCache {
    let redis: RedisCatalogCache
    let memory: MemoryResponseCache

    /// Serves a public response from memory or Redis, or builds it with `produce` and stores it
    /// in both under the version read before building. Staff responses bypass the cache.
    ///
    /// `key` is the normalised request, such as `list:limit=24`, without the tenant, which this adds.
    /// Throws what `produce` throws.
    func response(
        _ key: String, tenant: TenantRecord, audience: Audience, produce: () throws -> [UInt8]
    ) throws -> HTTPResponse {
        // Long keys come only from long search texts; such listings are built each time.
        guard audience == .publicReader, key.utf8.count <= 1024,
            let version = redis.version(tenantID: tenant.id)
        else { return .jsonBytes(try produce()) }

        let memoryKey = MemoryResponseCache.Key(tenantID: tenant.id, version: version, request: key)
        if let body = memory.body(for: memoryKey) { return Self.response(body, cache: "hit") }
        if let body = redis.entry(tenantID: tenant.id, version: version, key: key) {
            memory.store(body, for: memoryKey)
            return Self.response(body, cache: "hit")
        }

        let body = try produce()
        redis.store(tenantID: tenant.id, version: version, key: key, body: body)
        memory.store(body, for: memoryKey)
        return Self.response(body, cache: "miss")
    }

    private static func response(_ body: [UInt8], cache: String) -> HTTPResponse {
        var response = HTTPResponse.jsonBytes(body)
        response.headers["X-Cache"] = cache
        return response
    }
}
