/// One entry of a Redis stream as `XREADGROUP` and `XAUTOCLAIM` return it.
struct StreamEntry: Sendable, Equatable {
    /// The entry ID, such as `1714555800123-0`.
    var id: String
    /// The field-value pairs, or nil when the entry was trimmed from the stream while it was
    /// still pending.
    var fields: [String: String]?

    /// Parses an `XREADGROUP` reply for one stream: nil when `BLOCK` timed out, otherwise
    /// `[[stream, [entry, …]]]`. Throws `RedisError(.unexpectedReply)` for any other shape.
    static func entries(fromRead reply: RedisReply) throws -> [StreamEntry] {
        if reply == .null { return [] }
        guard let streams = reply.array else { throw unexpected("XREADGROUP", reply) }
        return try streams.flatMap { stream -> [StreamEntry] in
            guard let parts = stream.array, parts.count == 2 else { throw unexpected("XREADGROUP", stream) }
            return try entries(fromRange: parts[1])
        }
    }

    /// Parses a list of entries, as `XRANGE` returns it.
    static func entries(fromRange reply: RedisReply) throws -> [StreamEntry] {
        guard let entries = reply.array else { throw unexpected("XRANGE", reply) }
        return try entries.map(entry)
    }

    /// Parses an `XAUTOCLAIM` reply, `[next cursor, [entry, …]]` followed on Redis 7 by the IDs
    /// of pending entries that no longer exist, which Redis has dropped from the pending list.
    static func claimed(fromAutoclaim reply: RedisReply) throws -> (cursor: String, entries: [StreamEntry]) {
        guard let parts = reply.array, parts.count >= 2, let cursor = parts[0].text, let entries = parts[1].array else {
            throw unexpected("XAUTOCLAIM", reply)
        }
        return (cursor, try entries.map(entry))
    }

    /// Parses the extended form of `XPENDING`, `[[id, consumer, idle ms, delivery count], …]`,
    /// into the delivery count of each entry ID.
    static func deliveryCounts(fromPending reply: RedisReply) throws -> [String: Int] {
        guard let rows = reply.array else { throw unexpected("XPENDING", reply) }
        var counts: [String: Int] = [:]
        for row in rows {
            guard let values = row.array, values.count == 4, let id = values[0].text,
                case .integer(let count) = values[3]
            else { throw unexpected("XPENDING", row) }
            counts[id] = Int(count)
        }
        return counts
    }

    private static func entry(_ reply: RedisReply) throws -> StreamEntry {
        guard let parts = reply.array, parts.count == 2, let id = parts[0].text else {
            throw unexpected("stream entry", reply)
        }
        guard let flat = parts[1].array else { return StreamEntry(id: id, fields: nil) }
        guard flat.count % 2 == 0 else { throw unexpected("stream entry", reply) }

        var fields: [String: String] = [:]
        for index in stride(from: 0, to: flat.count, by: 2) {
            guard let name = flat[index].text, let value = flat[index + 1].text else {
                throw unexpected("stream entry", reply)
            }
            fields[name] = value
        }
        return StreamEntry(id: id, fields: fields)
    }

    private static func unexpected(_ command: String, _ reply: RedisReply) -> RedisError {
        RedisError(.unexpectedReply, "\(command) returned \(reply)")
    }
}
