/// The named prepared statements of one connection, keyed by SQL text, with a maximum size.
///
/// The cache only does the bookkeeping: the connection prepares each new name on the server and
/// deallocates the name that `add` evicts. When the cache is full, the least recently used
/// statement makes room. Names are never reused, so a statement that failed to deallocate
/// cannot clash with a later one.
struct PreparedStatementCache {
    private struct Entry {
        var name: String
        var lastUse: UInt64
    }

    /// The maximum number of statements kept.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private var nextNumber = 1

    init(capacity: Int) {
        precondition(capacity >= 0, "a prepared statement cache cannot have a negative capacity")
        self.capacity = capacity
    }

    /// The number of statements in the cache.
    var count: Int { entries.count }

    /// True when `add` would have to evict a statement first.
    var isFull: Bool { entries.count >= capacity }

    /// Returns the name under which `sql` is prepared, and marks it as used, or nil.
    mutating func name(for sql: String) -> String? {
        guard var entry = entries[sql] else { return nil }
        clock += 1
        entry.lastUse = clock
        entries[sql] = entry
        return entry.name
    }

    /// Makes a new name for `sql`, which must not be in the cache yet, and returns it together
    /// with the name of the statement evicted to make room, if any. Returns nil when the
    /// capacity is zero.
    mutating func add(_ sql: String) -> (name: String, evicted: String?)? {
        guard capacity > 0 else { return nil }
        var evicted: String?
        if isFull, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            evicted = oldest.value.name
            entries[oldest.key] = nil
        }
        let name = "commerce_s\(nextNumber)"
        nextNumber += 1
        clock += 1
        entries[sql] = Entry(name: name, lastUse: clock)
        return (name, evicted)
    }

    /// Forgets `sql`, for a statement whose preparation failed or whose plan the server rejected.
    mutating func remove(_ sql: String) {
        entries[sql] = nil
    }

    /// Forgets every statement, because the server session that held them was replaced.
    mutating func removeAll() {
        entries.removeAll()
    }
}
