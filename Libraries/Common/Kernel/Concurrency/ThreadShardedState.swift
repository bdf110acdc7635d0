import FoundationEssentials
import Glibc
import Synchronization

/// A value split into shards, each behind its own lock, that every thread reaches through the
/// shard its thread id picks.
///
/// Request threads that update state on every request, such as metrics or a lookup cache,
/// then seldom wait for each other's lock. Work that concerns every shard, such as reading
/// totals or dropping an entry everywhere, goes through `forEach`.
public final class ThreadShardedState<State: Sendable>: Sendable {
    private final class Shard: Sendable {
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private let shards: [Shard]

    /// Creates `count` shards (at least 1), each starting as `initial()`.
    public init(count: Int = 16, _ initial: () -> State) {
        shards = (0..<max(1, count)).map { _ in Shard(initial()) }
    }

    /// Runs `body` on the calling thread's shard under its lock.
    public func withCurrent<Result>(_ body: (inout State) -> Result) -> Result {
        currentShard.state.withLock { body(&$0) }
    }

    /// Runs `body` on each shard in turn, each under its own lock.
    public func forEach(_ body: (inout State) -> Void) {
        for shard in shards { shard.state.withLock { body(&$0) } }
    }

    private var currentShard: Shard {
        // Thread ids are addresses of thread control blocks, so their low bits vary little:
        // a multiplicative hash spreads them before the shard is picked.
        let id = UInt64(pthread_self())
        return shards[Int((id &* 0x9E37_79B9_7F4A_7C15) >> 58) % shards.count]
    }
}
