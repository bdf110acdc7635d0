@testable import CatalogAdapters
import Foundation
import XCTest

/// The pushed tenant versions of the public read cache, which need no running platform.
final class CatalogVersionTableTests: XCTestCase {
    private let shop = UUID()

    func testTableUnavailableUntilSubscribed() {
        let table = TenantVersionTable()
        XCTAssertEqual(table.lookup(tenantID: shop), .unavailable)
        table.apply(tenantID: shop, version: 5)
        table.advance(tenantID: shop, to: 6)
        table.learn(tenantID: shop, version: 7, generation: 0)
        XCTAssertNil(table.count, "nothing is stored before the first subscription")

        table.subscriptionStarted()
        guard case .unknown = table.lookup(tenantID: shop) else {
            return XCTFail("a subscribed table without the tenant must send readers to Redis")
        }
    }

    func testLearnStoresOnlyFirstVersion() {
        let table = TenantVersionTable()
        table.subscriptionStarted()
        guard case .unknown(let generation) = table.lookup(tenantID: shop) else { return XCTFail("tenant already known") }

        table.learn(tenantID: shop, version: 10, generation: generation)
        XCTAssertEqual(table.lookup(tenantID: shop), .known(10))
        table.learn(tenantID: shop, version: 9, generation: generation)
        XCTAssertEqual(table.lookup(tenantID: shop), .known(10), "a second reader's older read replaced the entry")
    }

    func testLearnLosesToPublishedVersion() {
        // A reader read version 10 from Redis, then a write's message for 11 arrived first.
        let table = TenantVersionTable()
        table.subscriptionStarted()
        guard case .unknown(let generation) = table.lookup(tenantID: shop) else { return XCTFail("tenant already known") }
        table.apply(tenantID: shop, version: 11)
        table.learn(tenantID: shop, version: 10, generation: generation)
        XCTAssertEqual(table.lookup(tenantID: shop), .known(11))
    }

    func testLearnFromEarlierSubscriptionIgnored() {
        let table = TenantVersionTable()
        table.subscriptionStarted()
        guard case .unknown(let generation) = table.lookup(tenantID: shop) else { return XCTFail("tenant already known") }
        table.subscriptionLost()
        table.subscriptionStarted()
        table.learn(tenantID: shop, version: 10, generation: generation)
        guard case .unknown = table.lookup(tenantID: shop) else {
            return XCTFail("a version read before the resubscription was stored")
        }
    }

    func testApplyReplacesAndAdvanceNeverMovesBack() {
        let table = TenantVersionTable()
        table.subscriptionStarted()
        table.apply(tenantID: shop, version: 20)
        table.advance(tenantID: shop, to: 19)
        XCTAssertEqual(table.lookup(tenantID: shop), .known(20), "an own write moved the version back")
        table.advance(tenantID: shop, to: 21)
        XCTAssertEqual(table.lookup(tenantID: shop), .known(21))
        table.apply(tenantID: shop, version: 3)
        XCTAssertEqual(table.lookup(tenantID: shop), .known(3), "a published version restarted after data loss")
    }

    func testLostSubscriptionEmptiesTable() {
        let table = TenantVersionTable()
        table.subscriptionStarted()
        table.apply(tenantID: shop, version: 20)
        XCTAssertEqual(table.count, 1)

        table.subscriptionLost()
        XCTAssertEqual(table.lookup(tenantID: shop), .unavailable)
        table.subscriptionStarted()
        XCTAssertEqual(table.count, 0)
    }

    func testMessageParsing() {
        let id = UUID()
        let parsed = CatalogVersionFeed.parse(Array("\(id.uuidString.lowercased()) 281474976710657".utf8))
        XCTAssertEqual(parsed?.0, id)
        XCTAssertEqual(parsed?.1, 281_474_976_710_657)
        for invalid in ["", "\(id.uuidString)", "\(id.uuidString) 2.8e14", "not-a-uuid 5", "\(id.uuidString) 5 6"] {
            XCTAssertNil(CatalogVersionFeed.parse(Array(invalid.utf8)), invalid)
        }
    }

    func testMemoryCacheMovesTenant() {
        let cache = MemoryResponseCache(maximumEntries: 10, maximumBytes: 1000, ttlSeconds: 60)
        let other = UUID()
        cache.store([1], for: .init(tenantID: shop, version: 50, request: "list:"))
        cache.store([2], for: .init(tenantID: other, version: 50, request: "list:"))

        cache.moveTenant(shop, to: 7)
        XCTAssertEqual(cache.usage.entries, 1, "the shop's entry of version 50 is gone, the other shop's stays")
        cache.store([3], for: .init(tenantID: shop, version: 7, request: "list:"))
        XCTAssertEqual(
            cache.body(for: .init(tenantID: shop, version: 7, request: "list:")), [3],
            "a version below the old newest one is stored after the move")

        cache.removeAll()
        XCTAssertEqual(cache.usage.entries, 0)
    }
}
