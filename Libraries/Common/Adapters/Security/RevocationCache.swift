import FoundationEssentials

/// The revocation instants one process read recently, by user id: a plain state value that
/// `RedisTokenRevocations` guards with a `Mutex`.
struct RevocationCache {
    struct Entry {
        var instant: Date?
        var readAt: Date
    }

    /// How long an entry is used without reading the store again, in seconds.
    let freshness: TimeInterval
    /// Entries kept at most. Past it, entries older than `freshness` are dropped first, then all.
    let capacity: Int
    private var entries: [UUID: Entry] = [:]

    init(freshness: TimeInterval, capacity: Int) {
        self.freshness = freshness
        self.capacity = capacity
    }

    /// Returns the entry of `userID` when it was read less than `freshness` seconds before `now`.
    func freshEntry(of userID: UUID, now: Date) -> Entry? {
        guard let entry = entries[userID], now.timeIntervalSince(entry.readAt) < freshness else { return nil }
        return entry
    }

    /// Returns the last instant read for `userID` however old, for use while the store is unreadable.
    func lastKnownInstant(of userID: UUID) -> Date? {
        entries[userID]?.instant
    }

    /// Stores `instant` for `userID` as read at `now`.
    mutating func store(_ instant: Date?, of userID: UUID, now: Date) {
        if entries[userID] == nil, entries.count >= capacity { evict(now: now) }
        entries[userID] = Entry(instant: instant, readAt: now)
    }

    private mutating func evict(now: Date) {
        entries = entries.filter { now.timeIntervalSince($0.value.readAt) < freshness }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
    }
}
