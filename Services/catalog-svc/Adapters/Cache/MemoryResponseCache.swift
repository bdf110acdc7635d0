import CommonKernel
import FoundationEssentials
import Synchronization

/// Encoded public read responses in this process's memory, in front of `RedisCatalogCache`.
///
/// Entries are keyed by tenant, the tenant's cache version and the normalised request. A caller
/// that looks up the tenant's current version first is therefore never served a response built
/// before the tenant's last write that this version reflects. Memory stays within
/// `maximumBytes` of bodies and `maximumEntries` entries, evicting the least recently used, and
/// an entry expires after `ttlSeconds` even when its version is still current. When a newer
/// version of a tenant is stored, that tenant's older entries are dropped at once.
final class MemoryResponseCache: Sendable {
    /// An entry's key. Its hash is computed once, when the key is made, so that hashing the
    /// request text happens outside the cache's lock.
    struct Key: Hashable {
        let tenantID: UUID
        let version: Int64
        let request: String
        private let precomputedHash: Int

        init(tenantID: UUID, version: Int64, request: String) {
            self.tenantID = tenantID
            self.version = version
            self.request = request
            var hasher = Hasher()
            hasher.combine(tenantID)
            hasher.combine(version)
            hasher.combine(request)
            precomputedHash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(precomputedHash)
        }

        static func == (left: Key, right: Key) -> Bool {
            left.precomputedHash == right.precomputedHash && left.version == right.version
                && left.tenantID == right.tenantID && left.request == right.request
        }
    }

    private struct State {
        var store: LRUByteStore<Key>
        var newestVersion: [UUID: Int64] = [:]
    }

    /// Hits are reported to `metrics` in steps of this many, because each registry update takes
    /// a lock that every request already contends for, and a hit is otherwise lock-light.
    static let hitReportStep = 64

    private let state: Mutex<State>
    private let ttl: Duration
    private let metrics: MetricsRegistry?
    private let hits = Atomic<Int>(0)

    init(maximumEntries: Int, maximumBytes: Int, ttlSeconds: Int, metrics: MetricsRegistry? = nil) {
        state = Mutex(State(store: LRUByteStore(maximumEntries: maximumEntries, maximumBytes: maximumBytes)))
        ttl = .seconds(ttlSeconds)
        self.metrics = metrics
    }

    /// Returns the body stored for `key`, or nil when there is none or it expired.
    func body(for key: Key) -> [UInt8]? {
        let now = ContinuousClock.now
        guard let body = state.withLock({ $0.store.bytes(for: key, now: now) }) else {
            count("miss")
            return nil
        }
        let total = hits.add(1, ordering: .relaxed).newValue
        if total % Self.hitReportStep == 0 { count("hit", by: Self.hitReportStep) }
        return body
    }

    /// Stores `body` under `key`. A key whose version is older than one already stored for the
    /// tenant is ignored, because a write has replaced what it describes.
    func store(_ body: [UInt8], for key: Key) {
        let expiresAt = ContinuousClock.now + ttl
        let evicted = state.withLock { state -> Int in
            let newest = state.newestVersion[key.tenantID] ?? Int64.min
            guard key.version >= newest else { return 0 }
            if key.version > newest {
                state.newestVersion[key.tenantID] = key.version
                state.store.removeAll { $0.tenantID == key.tenantID && $0.version < key.version }
            }
            return state.store.insert(body, for: key, expiresAt: expiresAt)
        }
        if evicted > 0 { count("evicted", by: evicted) }
    }

    /// Drops the tenant's entries of every version but `version`, and from now on stores only
    /// entries of `version` or newer for it. Called when a write moved the tenant to `version`,
    /// which may be lower than before when Redis lost its data and restarted the count.
    func moveTenant(_ tenantID: UUID, to version: Int64) {
        state.withLock { state in
            state.newestVersion[tenantID] = version
            state.store.removeAll { $0.tenantID == tenantID && $0.version != version }
        }
    }

    /// Drops every entry and every tenant's newest version.
    func removeAll() {
        state.withLock { state in
            state.newestVersion = [:]
            state.store.removeAll { _ in true }
        }
    }

    /// The number of entries and the bytes of their bodies.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.store.count, $0.store.totalBytes) }
    }

    private func count(_ event: String, by amount: Int = 1) {
        metrics?.increment(
            "catalog_memory_cache_total",
            help: "Public product reads served (hit, counted in steps of 64) or not (miss) from memory, and entries evicted.",
            labels: [("event", event)], by: Double(amount))
    }
}
