import CommonKernel
import Foundation
import Synchronization
import XCTest

final class ThreadShardedStateTests: XCTestCase {
    func testForEachReachesEveryThreadsShard() {
        let shards = ThreadShardedState(count: 8) { 0 }
        let threads = 32
        let updated = DispatchGroup()
        let finished = DispatchGroup()
        // Every thread stays alive until all have updated, so no two of them can share a
        // thread id that an exited thread left for reuse.
        let release = DispatchSemaphore(value: 0)
        for _ in 0..<threads {
            updated.enter()
            finished.enter()
            Thread.detachNewThread {
                shards.withCurrent { $0 += 1 }
                updated.leave()
                release.wait()
                finished.leave()
            }
        }
        updated.wait()
        for _ in 0..<threads { release.signal() }
        finished.wait()

        var total = 0
        var used = 0
        shards.forEach { value in
            total += value
            if value > 0 { used += 1 }
        }
        XCTAssertEqual(total, threads, "every thread's update lands in exactly one shard")
        XCTAssertGreaterThan(used, 1, "32 threads should not all share one of 8 shards")
    }

    func testInvalidationReachesEntriesOfOtherThreads() throws {
        let original = makeRecord("demo")
        var renamed = original
        renamed.name = "Renamed"
        let upstream = ChangingDirectory(original)
        let cache = CachingTenantDirectory(upstream: upstream, shared: nil, logger: Logger(label: "test", sink: .memory()))
        _ = lookUpFromManyThreads(cache)

        upstream.replace(with: renamed)
        cache.invalidate(tenantID: original.id)
        let names = lookUpFromManyThreads(cache)
        XCTAssertEqual(names, Array(repeating: "Renamed", count: names.count), "no thread's shard kept the old record")
    }

    func testOtherThreadsReuseTheFirstLookup() throws {
        let upstream = ChangingDirectory(makeRecord("demo"))
        let cache = CachingTenantDirectory(upstream: upstream, shared: nil, logger: Logger(label: "test", sink: .memory()))
        _ = try cache.tenant(subdomain: "demo")

        let names = lookUpFromManyThreads(cache)
        XCTAssertEqual(Set(names), ["Demo"])
        XCTAssertEqual(upstream.lookups, 1, "threads with an empty shard copied the entry of another shard")
    }

    /// Looks the tenant up from 32 new threads, which between them use most shards.
    private func lookUpFromManyThreads(_ cache: CachingTenantDirectory) -> [String] {
        let names = Mutex<[String]>([])
        let group = DispatchGroup()
        for _ in 0..<32 {
            group.enter()
            Thread.detachNewThread {
                let name = (try? cache.tenant(subdomain: "demo"))??.name ?? "none"
                names.withLock { $0.append(name) }
                group.leave()
            }
        }
        group.wait()
        return names.withLock { $0 }
    }
}
