import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

final class RedisCacheTests: XCTestCase {
    private var client: RedisClient!
    private var cache: RedisCache!
    private let prefix = "cache-test:\(UUID().uuidString):"

    override func setUpWithError() throws {
        client = RedisClient(url: try TestDatabases.redisURL(), logger: TestDatabases.logger)
        cache = RedisCache(client: client, prefix: prefix)
    }

    override func tearDown() {
        _ = try? cache?.delete(["a", "b", "c", "short"])
        client?.close()
    }

    func testSetThenGetReturnsValue() throws {
        let value: [UInt8] = [0, 1, 2, 0xff]
        try cache.set("a", value, ttlSeconds: 60)

        XCTAssertEqual(try cache.get("a"), value)
        XCTAssertNil(try cache.get("never-set"))
    }

    func testKeysCarryPrefixAndTTL() throws {
        try cache.set("b", Array("v".utf8), ttlSeconds: 30)

        XCTAssertEqual(try client.command(["GET", prefix + "b"]).text, "v")
        guard case .integer(let milliseconds) = try client.command(["PTTL", prefix + "b"]) else {
            return XCTFail("PTTL did not return an integer")
        }
        XCTAssertGreaterThan(milliseconds, 25_000)
        XCTAssertLessThanOrEqual(milliseconds, 30_000)
    }

    func testEntryExpires() throws {
        try cache.set("short", Array("gone soon".utf8), ttlSeconds: 1)
        XCTAssertNotNil(try cache.get("short"))

        Thread.sleep(forTimeInterval: 1.2)
        XCTAssertNil(try cache.get("short"))
    }

    func testNonPositiveTTLStillExpires() throws {
        try cache.set("c", Array("x".utf8), ttlSeconds: 0)
        guard case .integer(let milliseconds) = try client.command(["PTTL", prefix + "c"]) else {
            return XCTFail("PTTL did not return an integer")
        }
        XCTAssertGreaterThan(milliseconds, 0)
        XCTAssertLessThanOrEqual(milliseconds, 1000)
    }

    func testDeleteRemovesSeveralKeys() throws {
        try cache.set("a", [1], ttlSeconds: 60)
        try cache.set("b", [2], ttlSeconds: 60)
        try cache.set("c", [3], ttlSeconds: 60)

        try cache.delete(["a", "b", "missing"])
        XCTAssertNil(try cache.get("a"))
        XCTAssertNil(try cache.get("b"))
        XCTAssertEqual(try cache.get("c"), [3])
        XCTAssertNoThrow(try cache.delete([]))
    }

    func testAddStoresOnlyAbsentKeys() throws {
        let key = "add-\(UUID().uuidString)"
        defer { _ = try? cache.delete([key]) }

        XCTAssertTrue(try cache.add(key, [1], ttlSeconds: 60))
        XCTAssertFalse(try cache.add(key, [2], ttlSeconds: 60))
        XCTAssertEqual(try cache.get(key), [1])
    }

    func testTenantDirectoryWarmsFromSharedCache() throws {
        let tenant = TenantRecord(
            id: UUID(), name: "Shop", subdomain: "shop-\(UUID().uuidString.prefix(8).lowercased())", status: .active,
            plan: PlanLimits(code: "basic", maxProducts: 10, maxStaff: 2, maxStorageBytes: nil))
        let upstream = CountingTenantDirectory(tenant: tenant)
        let first = CachingTenantDirectory(upstream: upstream, shared: cache, logger: TestDatabases.logger)
        let second = CachingTenantDirectory(upstream: upstream, shared: cache, logger: TestDatabases.logger)
        defer { _ = try? cache.delete([CachingTenantDirectory.cacheKey("sub", tenant.subdomain)]) }

        XCTAssertEqual(try first.tenant(subdomain: tenant.subdomain), tenant)
        XCTAssertEqual(try second.tenant(subdomain: tenant.subdomain), tenant)
        XCTAssertEqual(upstream.lookups, 1, "the second directory should have read the tenant from Redis")
    }
}

/// A directory with one tenant that counts how often it is asked.
private final class CountingTenantDirectory: TenantDirectory {
    private let tenant: TenantRecord
    private let count = Mutex(0)

    init(tenant: TenantRecord) {
        self.tenant = tenant
    }

    var lookups: Int { count.withLock { $0 } }

    func tenant(customDomain domain: String) throws -> TenantRecord? { nil }

    func tenant(subdomain: String) throws -> TenantRecord? {
        count.withLock { $0 += 1 }
        return subdomain == tenant.subdomain ? tenant : nil
    }

    func tenant(id: UUID) throws -> TenantRecord? { id == tenant.id ? tenant : nil }
}
