import FoundationEssentials
import Synchronization

/// The tenants' public read cache versions as this process last learned them, so that a cache
/// hit needs no Redis round trip.
///
/// The table is trusted only while the version channel is subscribed, because every write
/// publishes its new version there. Before the first subscription and from a lost connection
/// until the next subscription it reports `.unavailable`, and readers ask Redis each time.
/// Each subscription starts from an empty table, since messages sent while the connection was
/// down are lost. Versions then enter the table three ways:
/// - `apply`: a published version, which replaces the entry whatever its value, because messages
///   arrive in the order in which Redis moved the version;
/// - `advance`: this process's own write, which never moves an entry back, because a newer
///   version from another process may have been applied already;
/// - `learn`: a version that a reader fetched from Redis, stored only when the tenant has no
///   entry yet and no subscription change happened since `lookup`, so that it cannot replace a
///   newer published version.
final class TenantVersionTable: Sendable {
    enum Lookup: Equatable {
        /// The current version.
        case known(Int64)
        /// Not in the table: read it from Redis and pass it to `learn` with this generation.
        case unknown(generation: Int)
        /// The table cannot be trusted now: read the version from Redis and do not store it.
        case unavailable
    }

    private struct State {
        var isSubscribed = false
        /// Moves on at every subscription change, so that a version read from Redis before the
        /// change is not stored after it.
        var generation = 0
        var versions: [UUID: Int64] = [:]
    }

    private let state = Mutex(State())

    func lookup(tenantID: UUID) -> Lookup {
        state.withLock { state in
            guard state.isSubscribed else { return .unavailable }
            guard let version = state.versions[tenantID] else { return .unknown(generation: state.generation) }
            return .known(version)
        }
    }

    func learn(tenantID: UUID, version: Int64, generation: Int) {
        state.withLock { state in
            guard state.isSubscribed, state.generation == generation, state.versions[tenantID] == nil else { return }
            state.versions[tenantID] = version
        }
    }

    func apply(tenantID: UUID, version: Int64) {
        state.withLock { state in
            guard state.isSubscribed else { return }
            state.versions[tenantID] = version
        }
    }

    func advance(tenantID: UUID, to version: Int64) {
        state.withLock { state in
            guard state.isSubscribed else { return }
            state.versions[tenantID] = max(version, state.versions[tenantID] ?? .min)
        }
    }

    /// Starts trusting the table again, empty, after the channel was subscribed.
    func subscriptionStarted() {
        state.withLock { state in
            state = State(isSubscribed: true, generation: state.generation + 1)
        }
    }

    /// Stops trusting the table and empties it, after the subscription's connection was lost.
    func subscriptionLost() {
        state.withLock { state in
            state = State(isSubscribed: false, generation: state.generation + 1)
        }
    }

    /// The number of tenants in the table, or nil when it is not trusted.
    var count: Int? {
        state.withLock { $0.isSubscribed ? $0.versions.count : nil }
    }
}
