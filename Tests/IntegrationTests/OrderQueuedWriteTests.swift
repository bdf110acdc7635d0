import CommonAdapters
import CommonKernel
import Foundation
import OrderAdapters
import OrderCore
import XCTest

/// The PostgreSQL order store queues inserts whose results nothing reads and sends them with the
/// next statement or the COMMIT. These tests check that a queued insert is visible to a later
/// read, that it fails its transaction, and that it never outlives a rolled-back transaction.
final class OrderQueuedWriteTests: XCTestCase {
    func testQueuedInsertVisibleToLaterRead() throws {
        let database = try OrderDatabase.open(poolSize: 2)
        defer { database.close() }
        let tenant = UUID()
        let order = try OrderFixtures.order(tenantID: tenant, number: 1001)

        let found = try database.store.transaction(tenantID: tenant) { transaction in
            try transaction.orders.insert(order, tenantID: tenant)
            return try transaction.orders.find(id: order.id, tenantID: tenant)
        }

        XCTAssertEqual(found?.id, order.id)
        XCTAssertEqual(found?.lines.count, order.lines.count)
    }

    func testQueuedNumberConflictFailsTransaction() throws {
        let database = try OrderDatabase.open(poolSize: 2)
        defer { database.close() }
        let tenant = UUID()
        let first = try OrderFixtures.order(tenantID: tenant, number: 1001)
        try database.store.transaction(tenantID: tenant) { try $0.orders.insert(first, tenantID: tenant) }
        let second = try OrderFixtures.order(tenantID: tenant, number: 1001)

        XCTAssertThrowsError(
            try database.store.transaction(tenantID: tenant) { transaction in
                try transaction.orders.insert(second, tenantID: tenant)
                try transaction.events.append(.order("placed", second, at: second.placedAt), tenantID: tenant)
            }
        ) { error in
            XCTAssertEqual((error as? AppError)?.code, "order.number_taken")
        }

        let stored = try database.store.transaction(tenantID: tenant) { transaction in
            try transaction.orders.find(id: second.id, tenantID: tenant)
        }
        XCTAssertNil(stored, "the conflicting order was stored")
        XCTAssertEqual(try database.store.events(tenantID: tenant).count, 0, "the event outlived its rollback")
    }

    func testQueuedInsertDroppedWhenWorkThrows() throws {
        let database = try OrderDatabase.open(poolSize: 2)
        defer { database.close() }
        let tenant = UUID()
        let order = try OrderFixtures.order(tenantID: tenant, number: 1001)
        struct Abort: Error {}

        XCTAssertThrowsError(
            try database.store.transaction(tenantID: tenant) { transaction in
                try transaction.orders.insert(order, tenantID: tenant)
                throw Abort()
            })

        let stored = try database.store.transaction(tenantID: tenant) { transaction in
            try transaction.orders.find(id: order.id, tenantID: tenant)
        }
        XCTAssertNil(stored)
    }
}
