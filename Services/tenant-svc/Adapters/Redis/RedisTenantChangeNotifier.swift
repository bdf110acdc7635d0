import CommonAdapters
import CommonKernel
import FoundationEssentials
import TenantCore

/// Replaces a changed tenant's entries in the shared cache with the change fence of
/// `CachingTenantDirectory`, then publishes its id on `TenantChangeChannel.name`, where every
/// service's subscriber drops its in-process entries.
/// This process's own entries are dropped before it returns, so that the request after a change
/// on the same instance never sees the old record while the notice is still on its way.
public struct RedisTenantChangeNotifier: TenantChangeNotifier {
    let redis: RedisClient
    let local: TenantChangeHub
    let logger: Logger

    public init(redis: RedisClient, local: TenantChangeHub, logger: Logger) {
        self.redis = redis
        self.local = local
        self.logger = logger
    }

    public func tenantChanged(id: UUID, subdomain: String, hostnames: [String]) {
        defer { local.tenantChanged(id) }
        var keys = [
            CachingTenantDirectory.cacheKey("id", id.lowercasedString),
            CachingTenantDirectory.cacheKey("sub", subdomain),
        ]
        keys += hostnames.map { CachingTenantDirectory.cacheKey("domain", $0) }
        let fence = String(decoding: CachingTenantDirectory.changeFence, as: UTF8.self)
        do {
            for key in keys {
                try redis.command(["SET", key, fence, "EX", String(CachingTenantDirectory.changeFenceSeconds)])
            }
            try redis.command(["PUBLISH", TenantChangeChannel.name, id.lowercasedString])
        } catch {
            // NOTE: a change notified while Redis is down reaches other services only when their
            // in-process entries expire (30 s) and the shared entries expire (60 s).
            logger.warning("tenant change notification failed", ["tenant.id": id.lowercasedString, "error": "\(error)"])
        }
    }
}
