import CommonKernel
import FoundationEssentials

extension EventConsumer {
    /// Takes over entries that have been pending for at least `claimIdle` seconds with
    /// XAUTOCLAIM, handles them as `pollOnce` does, and returns how many it claimed.
    ///
    /// Claims at most 20 rounds of 50 entries in one call. Throws like `pollOnce`.
    @discardableResult
    public func reclaimStuck() throws -> Int {
        try withSession { session in
            let idleMilliseconds = String(Int((claimIdle * 1000).rounded()))
            var cursor = "0-0"
            var claimedCount = 0
            for _ in 0..<20 {
                let reply = try session.redis.command([
                    "XAUTOCLAIM", stream, group, consumerName, idleMilliseconds, cursor, "COUNT", String(batchSize),
                ])
                let claim = try StreamEntry.claimed(fromAutoclaim: reply)
                try process(claimed: claim.entries, redis: session.redis)
                claimedCount += claim.entries.count
                cursor = claim.cursor
                if cursor == "0-0" { break }
            }
            return claimedCount
        }
    }

    private func process(claimed entries: [StreamEntry], redis: EventStreamConnection) throws {
        guard let first = entries.first, let last = entries.last else { return }
        logger.info(
            "stuck event entries claimed", ["group": group, "consumer": consumerName, "count": String(entries.count)])

        // XAUTOCLAIM does not return delivery counts, so they come from XPENDING for the same
        // ID range, which the claimed entries now share with this consumer's other pending ones.
        let pending = try redis.command([
            "XPENDING", stream, group, first.id, last.id, String(entries.count + batchSize), consumerName,
        ])
        let counts = try StreamEntry.deliveryCounts(fromPending: pending)
        for entry in entries {
            let deliveries = try counts[entry.id] ?? deliveryCount(of: entry.id, redis: redis)
            try process(entry, deliveries: deliveries, redis: redis)
        }
    }

    /// Returns one entry's delivery count, for entries that the range query above did not reach,
    /// or 1 when the entry is no longer pending.
    private func deliveryCount(of streamID: String, redis: EventStreamConnection) throws -> Int {
        let pending = try redis.command(["XPENDING", stream, group, streamID, streamID, "1"])
        return try StreamEntry.deliveryCounts(fromPending: pending)[streamID] ?? 1
    }
}
