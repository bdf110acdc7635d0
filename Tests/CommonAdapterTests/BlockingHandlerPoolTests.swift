@testable import CommonAdapters
import Foundation
import Synchronization
import XCTest

final class BlockingHandlerPoolTests: XCTestCase {
    func testIdleThreadTakesJobWithoutQueue() {
        let pool = BlockingHandlerPool(threads: 1, queueLimit: 0)
        defer { pool.stop() }
        let ran = DispatchSemaphore(value: 0)

        XCTAssertTrue(pool.submit { ran.signal() })
        XCTAssertEqual(ran.wait(timeout: .now() + 5), .success)
    }

    func testBusyThreadsAndFullQueueRejectJob() {
        let pool = BlockingHandlerPool(threads: 1, queueLimit: 1)
        defer { pool.stop() }
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let queuedRan = DispatchSemaphore(value: 0)

        XCTAssertTrue(pool.submit {
            started.signal()
            _ = release.wait(timeout: .now() + 10)
        })
        XCTAssertEqual(started.wait(timeout: .now() + 5), .success)
        XCTAssertTrue(pool.submit { queuedRan.signal() })
        XCTAssertFalse(pool.submit {})

        release.signal()
        XCTAssertEqual(queuedRan.wait(timeout: .now() + 5), .success)
    }

    func testStoppedPoolRejectsJob() {
        let pool = BlockingHandlerPool(threads: 2, queueLimit: 4)
        pool.stop()

        XCTAssertFalse(pool.submit {})
    }

    /// With the only thread busy and the queue full, an urgent job is still accepted, and it runs
    /// before the ordinary job that was queued first.
    func testUrgentJobSkipsTheFullQueue() {
        let pool = BlockingHandlerPool(threads: 1, queueLimit: 1)
        defer { pool.stop() }
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let bothRan = DispatchSemaphore(value: 0)
        let order = Mutex<[String]>([])

        XCTAssertTrue(pool.submit {
            started.signal()
            _ = release.wait(timeout: .now() + 10)
        })
        XCTAssertEqual(started.wait(timeout: .now() + 5), .success)
        XCTAssertTrue(pool.submit {
            order.withLock { $0.append("ordinary") }
            bothRan.signal()
        })
        XCTAssertFalse(pool.submit {}, "the ordinary queue is full")
        XCTAssertTrue(pool.submit(urgent: true) {
            order.withLock { $0.append("urgent") }
            bothRan.signal()
        })

        release.signal()
        XCTAssertEqual(bothRan.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(bothRan.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(order.withLock { $0 }, ["urgent", "ordinary"])
    }

    func testUrgentQueueHasItsOwnLimit() {
        let pool = BlockingHandlerPool(threads: 1, queueLimit: 0)
        defer { pool.stop() }
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        XCTAssertTrue(pool.submit {
            started.signal()
            _ = release.wait(timeout: .now() + 10)
        })
        XCTAssertEqual(started.wait(timeout: .now() + 5), .success)
        for _ in 0..<BlockingHandlerPool.urgentQueueLimit {
            XCTAssertTrue(pool.submit(urgent: true) {})
        }
        XCTAssertFalse(pool.submit(urgent: true) {}, "past the urgent limit")
        release.signal()
    }
}
