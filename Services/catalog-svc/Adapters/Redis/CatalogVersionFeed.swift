import CommonAdapters
import CommonKernel
import FoundationEssentials

/// The catalog's version channel: every write that moves a tenant's public read cache version
/// publishes `{tenant id} {version}` on `catalog:v1:versions`, and each process subscribes to it
/// to keep its `TenantVersionTable` and `MemoryResponseCache` current without asking Redis.
///
/// The subscriber runs on a thread and a Redis connection of its own. While it is not subscribed
/// the table reports `.unavailable` and readers ask Redis, as they also do while a message may
/// be waiting on the subscriber's socket. Each new subscription empties both the table and the
/// memory layer, because messages sent while the connection was down are lost.
final class CatalogVersionFeed: Sendable {
    static let channel = "catalog:v1:versions"

    let table: TenantVersionTable
    private let subscriber: RedisSubscriber

    init(redisURL: String, memory: MemoryResponseCache, logger: Logger, metrics: MetricsRegistry?) {
        let table = TenantVersionTable()
        self.table = table
        subscriber = RedisSubscriber(
            url: redisURL, channels: [Self.channel], logger: logger,
            onEvent: { event in
                switch event {
                case .subscribed:
                    memory.removeAll()
                    table.subscriptionStarted()
                    logger.info("catalog version channel subscribed, public reads skip the version lookup")
                case .disconnected:
                    table.subscriptionLost()
                    memory.removeAll()
                    logger.warning("catalog version channel lost, public reads ask Redis for the version until it is back")
                }
                metrics?.increment(
                    "catalog_version_channel_events_total",
                    help: "Subscriptions to and losses of the catalog version channel.",
                    labels: [("event", event == .subscribed ? "subscribed" : "disconnected")])
            },
            handler: { _, payload in
                guard let (tenantID, version) = Self.parse(payload) else {
                    logger.warning(
                        "catalog version message is invalid, ignored",
                        ["message": String(decoding: payload.prefix(100), as: UTF8.self)])
                    return
                }
                table.apply(tenantID: tenantID, version: version)
                memory.moveTenant(tenantID, to: version)
            })
    }

    func start() {
        subscriber.start()
    }

    func stop() {
        subscriber.stop()
    }

    /// Returns the tenant's version as the table has it, or `.unavailable` when a message may be
    /// on its way to the table, such as one published by a write that another process finished
    /// just before this read.
    func lookup(tenantID: UUID) -> TenantVersionTable.Lookup {
        if subscriber.mayHaveUndeliveredMessages { return .unavailable }
        return table.lookup(tenantID: tenantID)
    }

    /// Reads a message as written by `RedisCatalogCache`'s version script, or returns nil.
    static func parse(_ payload: [UInt8]) -> (UUID, Int64)? {
        let parts = payload.split(separator: UInt8(ascii: " "))
        guard parts.count == 2,
            let tenantID = UUID(uuidString: String(decoding: parts[0], as: UTF8.self)),
            let version = Int64(String(decoding: parts[1], as: UTF8.self))
        else { return nil }
        return (tenantID, version)
    }
}
