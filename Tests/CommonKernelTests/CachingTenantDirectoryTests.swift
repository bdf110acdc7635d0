import CommonKernel
import Foundation
import Synchronization
import XCTest

/// A shared cache in memory that counts reads.
final class MemoryCache: KeyValueCache {
    private let values = Mutex<[String: [UInt8]]>([:])
    private let reads = Mutex(0)

    var readCount: Int { reads.withLock { $0 } }

    func get(_ key: String) throws -> [UInt8]? {
        reads.withLock { $0 += 1 }
        return values.withLock { $0[key] }
    }

    func set(_ key: String, _ value: [UInt8], ttlSeconds: Int) throws { values.withLock { $0[key] = value } }
    func add(_ key: String, _ value: [UInt8], ttlSeconds: Int) throws -> Bool {
        values.withLock { values in
            guard values[key] == nil else { return false }
            values[key] = value
            return true
        }
    }

    func delete(_ keys: [String]) throws { values.withLock { for key in keys { $0[key] = nil } } }
}

final class CachingTenantDirectoryTests: XCTestCase {
    func testWarmLookupTouchesNeitherUpstreamNorSharedCache() throws {
        let record = makeRecord("demo")
        let upstream = CountingDirectory(records: [record])
        let shared = MemoryCache()
        let cache = CachingTenantDirectory(upstream: upstream, shared: shared, logger: Logger(label: "test", sink: .memory()))

        XCTAssertEqual(try cache.tenant(subdomain: "demo"), record)
        let (upstreamCalls, sharedReads) = (upstream.callCount, shared.readCount)
        for _ in 0..<100 { XCTAssertEqual(try cache.tenant(subdomain: "demo"), record) }
        XCTAssertEqual(upstream.callCount, upstreamCalls)
        XCTAssertEqual(shared.readCount, sharedReads)
    }

    func testSecondInstanceIsServedBySharedCache() throws {
        let record = makeRecord("demo")
        let shared = MemoryCache()
        let first = CachingTenantDirectory(upstream: CountingDirectory(records: [record]), shared: shared, logger: Logger(label: "test", sink: .memory()))
        _ = try first.tenant(subdomain: "demo")

        let upstream = CountingDirectory(records: [record])
        let second = CachingTenantDirectory(upstream: upstream, shared: shared, logger: Logger(label: "test", sink: .memory()))
        XCTAssertEqual(try second.tenant(subdomain: "demo"), record)
        XCTAssertEqual(upstream.callCount, 0)
    }

    func testInvalidationReloadsTheTenant() throws {
        let record = makeRecord("demo")
        let upstream = CountingDirectory(records: [record])
        let cache = CachingTenantDirectory(upstream: upstream, shared: nil, logger: Logger(label: "test", sink: .memory()))
        _ = try cache.tenant(subdomain: "demo")
        cache.invalidate(tenantID: record.id)
        _ = try cache.tenant(subdomain: "demo")
        XCTAssertEqual(upstream.callCount, 2)
    }

    func testUnknownNamesAreRememberedBriefly() throws {
        let upstream = CountingDirectory(records: [])
        let cache = CachingTenantDirectory(upstream: upstream, shared: nil, logger: Logger(label: "test", sink: .memory()), negativeTTL: 0)
        XCTAssertNil(try cache.tenant(subdomain: "ghost"))
        XCTAssertNil(try cache.tenant(subdomain: "ghost"))
        XCTAssertEqual(upstream.callCount, 2, "with no negative TTL every miss asks upstream")
    }

    func testLookupDuringChangeKeepsNoStaleRecord() throws {
        let original = makeRecord("demo")
        var renamed = original
        renamed.name = "Renamed"
        let upstream = ChangingDirectory(original)
        let cache = CachingTenantDirectory(upstream: upstream, shared: nil, logger: Logger(label: "test", sink: .memory()))
        upstream.onNextLookup { [renamed] in
            upstream.replace(with: renamed)
            cache.invalidate(tenantID: original.id)
        }

        XCTAssertEqual(try cache.tenant(subdomain: "demo")?.name, original.name, "the lookup in flight returns what it read")
        XCTAssertEqual(try cache.tenant(subdomain: "demo")?.name, "Renamed")
    }

    func testChangeFenceBlocksStaleSharedWrite() throws {
        let original = makeRecord("demo")
        var renamed = original
        renamed.name = "Renamed"
        let shared = MemoryCache()
        let key = CachingTenantDirectory.cacheKey("sub", "demo")
        let upstream = ChangingDirectory(original)
        let first = CachingTenantDirectory(upstream: upstream, shared: shared, logger: Logger(label: "test", sink: .memory()))
        upstream.onNextLookup { [renamed] in
            upstream.replace(with: renamed)
            try? shared.set(key, CachingTenantDirectory.changeFence, ttlSeconds: CachingTenantDirectory.changeFenceSeconds)
            first.invalidate(tenantID: original.id)
        }
        _ = try first.tenant(subdomain: "demo")

        XCTAssertEqual(try shared.get(key), CachingTenantDirectory.changeFence, "the stale record was not written over the fence")
        let second = CachingTenantDirectory(upstream: upstream, shared: shared, logger: Logger(label: "test", sink: .memory()))
        XCTAssertEqual(try second.tenant(subdomain: "demo")?.name, "Renamed")
        XCTAssertEqual(upstream.lookups, 2, "the fence reads as a miss")
    }
}

/// A directory of one tenant that can run a step in the middle of its next lookup, after it
/// has read the record, as a change committed at that moment would.
final class ChangingDirectory: TenantDirectory {
    private struct State {
        var record: TenantRecord
        var hook: (@Sendable () -> Void)?
        var lookups = 0
    }

    private let state: Mutex<State>

    init(_ record: TenantRecord) { state = Mutex(State(record: record)) }

    var lookups: Int { state.withLock { $0.lookups } }

    func replace(with record: TenantRecord) { state.withLock { $0.record = record } }

    func onNextLookup(_ hook: @escaping @Sendable () -> Void) { state.withLock { $0.hook = hook } }

    func tenant(customDomain domain: String) throws -> TenantRecord? { nil }

    func tenant(subdomain: String) throws -> TenantRecord? {
        let (record, hook) = state.withLock { state in
            state.lookups += 1
            defer { state.hook = nil }
            return (state.record, state.hook)
        }
        hook?()
        return record.subdomain == subdomain ? record : nil
    }

    func tenant(id: UUID) throws -> TenantRecord? {
        state.withLock { $0.record.id == id ? $0.record : nil }
    }
}
