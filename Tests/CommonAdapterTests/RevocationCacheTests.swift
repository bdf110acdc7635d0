@testable import CommonAdapters
import Foundation
import XCTest

final class RevocationCacheTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_796_400_000)
    private let user = UUID()

    func testEntryIsFreshUntilFreshnessPasses() {
        var cache = RevocationCache(freshness: 5, capacity: 10)
        cache.store(start, of: user, now: start)

        XCTAssertEqual(cache.freshEntry(of: user, now: start.addingTimeInterval(4.9))?.instant, start)
        XCTAssertNil(cache.freshEntry(of: user, now: start.addingTimeInterval(5)))
    }

    func testAbsentRevocationIsCachedToo() {
        var cache = RevocationCache(freshness: 5, capacity: 10)
        cache.store(nil, of: user, now: start)

        let entry = cache.freshEntry(of: user, now: start.addingTimeInterval(1))
        XCTAssertNotNil(entry)
        XCTAssertNil(entry?.instant)
    }

    func testLastKnownInstantOutlivesFreshness() {
        var cache = RevocationCache(freshness: 5, capacity: 10)
        cache.store(start, of: user, now: start)

        XCTAssertEqual(cache.lastKnownInstant(of: user), start)
        XCTAssertNil(cache.lastKnownInstant(of: UUID()))
    }

    func testFullCacheDropsStaleEntriesFirst() {
        var cache = RevocationCache(freshness: 5, capacity: 2)
        let stale = UUID()
        cache.store(nil, of: stale, now: start)
        cache.store(start, of: user, now: start.addingTimeInterval(4))
        cache.store(nil, of: UUID(), now: start.addingTimeInterval(6))

        XCTAssertNil(cache.lastKnownInstant(of: stale))
        XCTAssertNotNil(cache.freshEntry(of: user, now: start.addingTimeInterval(6)))
    }

    func testFullCacheOfFreshEntriesIsCleared() {
        var cache = RevocationCache(freshness: 5, capacity: 2)
        cache.store(start, of: user, now: start)
        cache.store(start, of: UUID(), now: start)
        let newcomer = UUID()
        cache.store(start, of: newcomer, now: start.addingTimeInterval(1))

        XCTAssertNil(cache.lastKnownInstant(of: user))
        XCTAssertEqual(cache.lastKnownInstant(of: newcomer), start)
    }
}
