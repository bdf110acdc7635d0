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
}
