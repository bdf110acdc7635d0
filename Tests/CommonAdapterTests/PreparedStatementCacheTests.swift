@testable import CommonAdapters
import XCTest

final class PreparedStatementCacheTests: XCTestCase {
    func testRepeatedSQLKeepsItsName() throws {
        var cache = PreparedStatementCache(capacity: 4)
        let added = try XCTUnwrap(cache.add("SELECT 1"))

        XCTAssertNil(added.evicted)
        XCTAssertEqual(cache.name(for: "SELECT 1"), added.name)
        XCTAssertEqual(cache.count, 1)
    }

    func testFullCacheEvictsLeastRecentlyUsed() throws {
        var cache = PreparedStatementCache(capacity: 2)
        let first = try XCTUnwrap(cache.add("SELECT 1"))
        let second = try XCTUnwrap(cache.add("SELECT 2"))
        _ = cache.name(for: "SELECT 1")

        let third = try XCTUnwrap(cache.add("SELECT 3"))

        XCTAssertEqual(third.evicted, second.name)
        XCTAssertEqual(cache.count, 2)
        XCTAssertEqual(cache.name(for: "SELECT 1"), first.name)
        XCTAssertNil(cache.name(for: "SELECT 2"))
    }

    func testNamesAreNeverReused() throws {
        var cache = PreparedStatementCache(capacity: 1)
        let first = try XCTUnwrap(cache.add("SELECT 1"))
        cache.removeAll()
        let again = try XCTUnwrap(cache.add("SELECT 1"))

        XCTAssertNotEqual(first.name, again.name)
    }

    func testZeroCapacityPreparesNothing() {
        var cache = PreparedStatementCache(capacity: 0)

        XCTAssertNil(cache.add("SELECT 1"))
        XCTAssertEqual(cache.count, 0)
    }
}
