import CommonAdapters
import CommonKernel
import Foundation

/// Reads a fault drill's outbox, processed events and Redis stream.
struct OrderDrillDatabase {
    let pool: PostgresPool
    let redis: RedisClient

    init(_ servers: OrderDrillServers) throws {
        pool = PostgresPool(url: servers.appURL, size: 2, logger: OrderDatabase.logger)
        redis = RedisClient(url: servers.redisURL, logger: OrderDatabase.logger)
    }

    func close() {
        pool.close()
        redis.close()
    }

    func unpublishedEvents() throws -> Int {
        try pool.withConnection { connection in
            try connection.query("SELECT count(*) AS events FROM ordering.outbox WHERE published_at IS NULL")[0]
                .int("events")
        }
    }

    /// Returns how many times consumer group `order-svc` recorded the event as handled.
    func processedCount(_ eventID: UUID) throws -> Int {
        try pool.withConnection { connection in
            try connection.query(
                "SELECT count(*) AS handled FROM ordering.processed_events WHERE consumer_group = $1 AND event_id = $2",
                ["order-svc", eventID])[0].int("handled")
        }
    }

    /// Returns the envelopes of order events in the main stream, in stream order.
    func streamEnvelopes() throws -> [EventEnvelope] {
        let reply = try redis.command(["XRANGE", EventStreams.main, "-", "+"])
        return try (reply.array ?? []).compactMap { entry in
            let fields = entry.array?.last?.array ?? []
            var index = 0
            while index + 1 < fields.count {
                if fields[index].text == "envelope", let text = fields[index + 1].text {
                    let envelope = try EventEnvelope(jsonText: text)
                    return envelope.type.hasPrefix("order.") ? envelope : nil
                }
                index += 2
            }
            return nil
        }
    }

    /// Returns the number of entries that group `order-svc` read but did not acknowledge.
    func pendingEntries() throws -> Int {
        let reply = try redis.command(["XPENDING", EventStreams.main, "order-svc"])
        guard case .integer(let count)? = reply.array?.first else { return 0 }
        return Int(count)
    }
}
