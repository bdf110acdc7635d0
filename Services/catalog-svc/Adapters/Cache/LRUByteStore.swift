/// Byte buffers under keys, bounded by an entry count and a total byte size, evicting the least
/// recently used entry first. Entries also expire at a given instant.
///
/// A plain value with no locking: `MemoryResponseCache` guards it with a mutex. Lookups, inserts
/// and evictions take constant time, because the entries form a doubly linked list kept in an
/// array of slots, ordered from the most to the least recently used.
struct LRUByteStore<Key: Hashable> {
    private struct Slot {
        var key: Key
        var bytes: [UInt8]
        var expiresAt: ContinuousClock.Instant
        var newer: Int?
        var older: Int?
    }

    let maximumEntries: Int
    let maximumBytes: Int
    private var slots: [Slot?] = []
    private var freeSlots: [Int] = []
    private var slotOfKey: [Key: Int] = [:]
    private var newest: Int?
    private var oldest: Int?
    /// The sum of the stored buffers' sizes.
    private(set) var totalBytes = 0

    /// Creates an empty store. A limit below 1 is raised to 1.
    init(maximumEntries: Int, maximumBytes: Int) {
        self.maximumEntries = max(1, maximumEntries)
        self.maximumBytes = max(1, maximumBytes)
    }

    var count: Int { slotOfKey.count }

    /// Returns the bytes under `key` and marks them most recently used, or removes them and
    /// returns nil when they expired at or before `now`.
    mutating func bytes(for key: Key, now: ContinuousClock.Instant) -> [UInt8]? {
        guard let index = slotOfKey[key], let slot = slots[index] else { return nil }
        guard now < slot.expiresAt else {
            remove(at: index)
            return nil
        }
        unlink(index)
        linkAsNewest(index)
        return slot.bytes
    }

    /// Stores `bytes` under `key`, replacing an older value, then evicts the least recently used
    /// entries until both limits hold. Returns the number of entries evicted. A buffer larger than
    /// `maximumBytes` is not stored.
    @discardableResult
    mutating func insert(_ bytes: [UInt8], for key: Key, expiresAt: ContinuousClock.Instant) -> Int {
        if let index = slotOfKey[key] { remove(at: index) }
        guard bytes.count <= maximumBytes else { return 0 }

        let slot = Slot(key: key, bytes: bytes, expiresAt: expiresAt)
        let index: Int
        if let free = freeSlots.popLast() {
            index = free
            slots[index] = slot
        } else {
            index = slots.count
            slots.append(slot)
        }
        slotOfKey[key] = index
        totalBytes += bytes.count
        linkAsNewest(index)

        var evicted = 0
        while slotOfKey.count > maximumEntries || totalBytes > maximumBytes, let victim = oldest {
            remove(at: victim)
            evicted += 1
        }
        return evicted
    }

    /// Removes every entry whose key matches `isRemoved`, such as all entries of one tenant.
    mutating func removeAll(where isRemoved: (Key) -> Bool) {
        for (key, index) in slotOfKey where isRemoved(key) { remove(at: index) }
    }

    private mutating func remove(at index: Int) {
        guard let slot = slots[index] else { return }
        unlink(index)
        slotOfKey[slot.key] = nil
        totalBytes -= slot.bytes.count
        slots[index] = nil
        freeSlots.append(index)
    }

    private mutating func unlink(_ index: Int) {
        let newer = slots[index]?.newer
        let older = slots[index]?.older
        if let newer { slots[newer]?.older = older } else { newest = older }
        if let older { slots[older]?.newer = newer } else { oldest = newer }
        slots[index]?.newer = nil
        slots[index]?.older = nil
    }

    private mutating func linkAsNewest(_ index: Int) {
        slots[index]?.older = newest
        if let newest { slots[newest]?.newer = index }
        newest = index
        if oldest == nil { oldest = index }
    }
}
