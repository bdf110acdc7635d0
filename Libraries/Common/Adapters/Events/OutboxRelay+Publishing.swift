import CommonKernel
import FoundationEssentials

extension OutboxRelay {
    /// Publishes one batch in a transaction of its own on `connection` and returns how many rows
    /// it published.
    ///
    /// When XADD fails midway, the rows published before the failure are still marked and
    /// committed, so that a retry does not publish them twice, and then the Redis error is
    /// thrown. The rows after it stay unpublished and keep their order.
    func publishBatch(on connection: PostgresConnection) throws -> Int {
        try connection.beginTransaction()
        let (published, failure) = try connection.completeTransaction { connection in
            try publishLockedRows(on: connection)
        }
        if let failure { throw failure }
        return published
    }

    /// Deletes at most 10,000 rows published before `cutoff` and returns how many it deleted.
    @discardableResult
    func deletePublishedEvents(before cutoff: Date, on connection: PostgresConnection) throws -> Int {
        let deleted = try connection.execute("""
            DELETE FROM \(schema).outbox WHERE sequence IN (
                SELECT sequence FROM \(schema).outbox
                WHERE published_at IS NOT NULL AND published_at < $1
                ORDER BY published_at LIMIT 10000)
            """, [cutoff])
        if deleted > 0 {
            logger.debug("published events deleted from the outbox", ["schema": schema, "count": String(deleted)])
        }
        return deleted
    }

    private func publishLockedRows(on connection: PostgresConnection) throws -> (Int, (any Error)?) {
        let rows = try connection.query("""
            SELECT sequence, id, type, tenant_id, occurred_at, version, data::text AS data
            FROM \(schema).outbox WHERE published_at IS NULL
            ORDER BY sequence LIMIT \(batchSize) FOR UPDATE SKIP LOCKED
            """)
        guard !rows.isEmpty else { return (0, nil) }
        let events = try rows.map { row in (sequence: try row.int64("sequence"), envelope: try Self.envelope(of: row)) }

        let (published, failure) = try addToStream(events.map(\.envelope))
        if published > 0 {
            let sequences = events.prefix(published).map { String($0.sequence) }.joined(separator: ",")
            try connection.execute(
                "UPDATE \(schema).outbox SET published_at = clock_timestamp() WHERE sequence = ANY($1::bigint[])",
                ["{\(sequences)}"])
        }
        recordPublished(events.prefix(published).map(\.envelope))
        return (published, failure)
    }

    /// XADDs the envelopes in order and returns how many Redis accepted, and the error that
    /// stopped the rest, if any. Throws only when an envelope cannot be encoded.
    private func addToStream(_ envelopes: [EventEnvelope]) throws -> (Int, (any Error)?) {
        let commands = try envelopes.map { envelope in
            [
                "XADD", stream, "MAXLEN", "~", "1000000", "*", "envelope", try envelope.jsonText(),
                "type", envelope.type, "tenant_id", envelope.tenantID.lowercasedString,
            ]
        }
        return redis.withLock { redis -> (Int, (any Error)?) in
            for (index, command) in commands.enumerated() {
                do {
                    try redis.command(command)
                } catch {
                    return (index, error)
                }
            }
            return (commands.count, nil)
        }
    }

    private func recordPublished(_ envelopes: [EventEnvelope]) {
        guard !envelopes.isEmpty else { return }
        EventMetrics.published(metrics, stream: stream, count: envelopes.count)
        let now = Date()
        for envelope in envelopes {
            EventMetrics.publishLag(metrics, stream: stream, seconds: now.timeIntervalSince(envelope.occurredAt))
        }
        logger.debug("events published", ["schema": schema, "stream": stream, "count": String(envelopes.count)])
    }

    private static func envelope(of row: PostgresRow) throws -> EventEnvelope {
        // The kernel's parser reads the column several times faster than `JSONDecoder` does.
        let data = try JSONParser.parse(Array(try row.string("data").utf8))
        return EventEnvelope(
            id: try row.uuid("id"), type: try row.string("type"), tenantID: try row.uuid("tenant_id"),
            occurredAt: try row.date("occurred_at"), version: try row.int("version"), data: data)
    }
}
