@testable import CatalogAdapters
import CommonKernel
import Foundation
import XCTest

/// The in-process layer of the public read cache, which needs no running platform.
final class CatalogMemoryCacheTests: XCTestCase {
    private let later = ContinuousClock.now + .seconds(3600)

    func testStoreEvictsLeastRecentlyUsedByCount() {
        var store = LRUByteStore<String>(maximumEntries: 2, maximumBytes: 1000)
        store.insert([1], for: "a", expiresAt: later)
        store.insert([2], for: "b", expiresAt: later)
        XCTAssertEqual(store.bytes(for: "a", now: .now), [1], "reading a makes b the least recently used")

        XCTAssertEqual(store.insert([3], for: "c", expiresAt: later), 1)
        XCTAssertNil(store.bytes(for: "b", now: .now))
        XCTAssertEqual(store.bytes(for: "a", now: .now), [1])
        XCTAssertEqual(store.bytes(for: "c", now: .now), [3])
        XCTAssertEqual(store.count, 2)
    }

    func testStoreEvictsUntilBytesFit() {
        var store = LRUByteStore<Int>(maximumEntries: 100, maximumBytes: 10)
        for key in 0..<5 { store.insert([UInt8](repeating: 0, count: 3), for: key, expiresAt: later) }
        XCTAssertEqual(store.totalBytes, 9)
        XCTAssertEqual(store.count, 3)
        XCTAssertNil(store.bytes(for: 0, now: .now))
        XCTAssertNil(store.bytes(for: 1, now: .now))
        XCTAssertNotNil(store.bytes(for: 4, now: .now))

        XCTAssertEqual(store.insert([UInt8](repeating: 0, count: 11), for: 9, expiresAt: later), 0)
        XCTAssertNil(store.bytes(for: 9, now: .now), "a body above the byte limit is not stored")
        XCTAssertEqual(store.totalBytes, 9)
    }

    func testStoreReplacesAndExpires() {
        var store = LRUByteStore<String>(maximumEntries: 10, maximumBytes: 100)
        store.insert([1, 2, 3], for: "a", expiresAt: later)
        store.insert([4], for: "a", expiresAt: later)
        XCTAssertEqual(store.bytes(for: "a", now: .now), [4])
        XCTAssertEqual(store.totalBytes, 1)

        let soon = ContinuousClock.now + .seconds(1)
        store.insert([5], for: "b", expiresAt: soon)
        XCTAssertEqual(store.bytes(for: "b", now: soon - .milliseconds(1)), [5])
        XCTAssertNil(store.bytes(for: "b", now: soon))
        XCTAssertEqual(store.count, 1)
        XCTAssertEqual(store.totalBytes, 1)
    }

    func testStoreKeepsOrderOverManyOperations() {
        // A long mixed run checks the linked list against a plain array model.
        var store = LRUByteStore<Int>(maximumEntries: 8, maximumBytes: 1 << 20)
        var model: [Int] = []
        var generator = SystemRandomNumberGenerator()
        for step in 0..<5000 {
            let key = Int.random(in: 0..<20, using: &generator)
            if step % 3 == 0 {
                let found = store.bytes(for: key, now: .now)
                XCTAssertEqual(found != nil, model.contains(key), "step \(step), key \(key)")
                if found != nil { model.removeAll { $0 == key }; model.append(key) }
            } else {
                store.insert([UInt8(key)], for: key, expiresAt: later)
                model.removeAll { $0 == key }
                model.append(key)
                if model.count > 8 { model.removeFirst() }
            }
            XCTAssertEqual(store.count, model.count)
        }
        for key in model { XCTAssertEqual(store.bytes(for: key, now: .now), [UInt8(key)]) }
    }

    func testMemoryCacheSeparatesTenantsAndVersions() {
        let cache = MemoryResponseCache(maximumEntries: 10, maximumBytes: 1000, ttlSeconds: 60)
        let shopA = UUID(), shopB = UUID()
        let keyA = MemoryResponseCache.Key(tenantID: shopA, version: 7, request: "list:limit=24")
        cache.store(Array("a".utf8), for: keyA)

        XCTAssertEqual(cache.body(for: keyA), Array("a".utf8))
        XCTAssertNil(cache.body(for: .init(tenantID: shopB, version: 7, request: "list:limit=24")))
        XCTAssertNil(cache.body(for: .init(tenantID: shopA, version: 8, request: "list:limit=24")))
    }

    func testMemoryCacheDropsOlderVersions() {
        let cache = MemoryResponseCache(maximumEntries: 10, maximumBytes: 1000, ttlSeconds: 60)
        let shop = UUID(), other = UUID()
        cache.store([1], for: .init(tenantID: shop, version: 1, request: "list:"))
        cache.store([2], for: .init(tenantID: shop, version: 1, request: "handle:a"))
        cache.store([3], for: .init(tenantID: other, version: 1, request: "list:"))

        cache.store([4], for: .init(tenantID: shop, version: 2, request: "list:"))
        XCTAssertEqual(cache.usage.entries, 2, "the shop's version 1 entries are gone, the other shop's stays")
        XCTAssertNil(cache.body(for: .init(tenantID: shop, version: 1, request: "handle:a")))
        XCTAssertEqual(cache.body(for: .init(tenantID: other, version: 1, request: "list:")), [3])

        cache.store([5], for: .init(tenantID: shop, version: 1, request: "handle:a"))
        XCTAssertNil(
            cache.body(for: .init(tenantID: shop, version: 1, request: "handle:a")),
            "a response built under an older version is not stored")
    }

    func testMemoryCacheCountsInMetrics() {
        let metrics = MetricsRegistry()
        let cache = MemoryResponseCache(maximumEntries: 1, maximumBytes: 1000, ttlSeconds: 60, metrics: metrics)
        let key = MemoryResponseCache.Key(tenantID: UUID(), version: 1, request: "list:")
        XCTAssertNil(cache.body(for: key))
        cache.store([1], for: key)
        for _ in 0..<(2 * MemoryResponseCache.hitReportStep + 5) { XCTAssertNotNil(cache.body(for: key)) }
        cache.store([2], for: .init(tenantID: UUID(), version: 1, request: "list:"))

        let text = metrics.render()
        XCTAssertTrue(text.contains("catalog_memory_cache_total{event=\"hit\"} \(2 * MemoryResponseCache.hitReportStep)"), text)
        XCTAssertTrue(text.contains("catalog_memory_cache_total{event=\"miss\"} 1"), text)
        XCTAssertTrue(text.contains("catalog_memory_cache_total{event=\"evicted\"} 1"), text)
    }
}
