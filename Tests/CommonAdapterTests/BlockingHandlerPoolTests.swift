@testable import CommonAdapters
import Foundation
import Synchronization
import XCTest

final class BlockingHandlerPoolTests: XCTestCase {
    /// Submits a job that keeps the pool's only thread busy, waits until it runs, and returns the
    /// semaphore that lets it finish.
    private func occupyOnlyThread(
        of pool: BlockingHandlerPool, file: StaticString = #filePath, line: UInt = #line
    ) -> DispatchSemaphore {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        XCTAssertEqual(.queued, pool.submit {
            started.signal()
            _ = release.wait(timeout: .now() + 10)
        }, file: file, line: line)
        XCTAssertEqual(started.wait(timeout: .now() + 5), .success, file: file, line: line)
        return release
    }

    func testIdleThreadTakesJobWithoutQueue() {
        let pool = BlockingHandlerPool(threads: 1, queueLimit: 0)
        defer { pool.stop() }
        let ran = DispatchSemaphore(value: 0)

        XCTAssertEqual(pool.submit { ran.signal() }, .queued)
        XCTAssertEqual(ran.wait(timeout: .now() + 5), .success)
    }

    func testBusyThreadsAndFullQueueRejectJob() {
        let pool = BlockingHandlerPool(threads: 1, queueLimit: 1)
        defer { pool.stop() }
        let release = occupyOnlyThread(of: pool)
        let queuedRan = DispatchSemaphore(value: 0)

        XCTAssertEqual(pool.submit { queuedRan.signal() }, .queued)
        XCTAssertEqual(pool.submit {}, .full)

        release.signal()
        XCTAssertEqual(queuedRan.wait(timeout: .now() + 5), .success)
    }

    func testStoppedPoolRejectsJob() {
        let pool = BlockingHandlerPool(threads: 2, queueLimit: 4)
        pool.stop()

        XCTAssertEqual(pool.submit {}, .stopped)
        XCTAssertEqual(pool.submit(urgent: true) {}, .stopped)
    }

    /// With the only thread busy and the queue full, an urgent job is still accepted, and it runs
    /// before the ordinary job that was queued first.
    func testUrgentJobSkipsTheFullQueue() {
        let pool = BlockingHandlerPool(threads: 1, queueLimit: 1)
        defer { pool.stop() }
        let release = occupyOnlyThread(of: pool)
        let bothRan = DispatchSemaphore(value: 0)
        let order = Mutex<[String]>([])

        XCTAssertEqual(.queued, pool.submit {
            order.withLock { $0.append("ordinary") }
            bothRan.signal()
        })
        XCTAssertEqual(pool.submit {}, .full, "the ordinary queue is full")
        XCTAssertEqual(.queued, pool.submit(urgent: true) {
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
        let release = occupyOnlyThread(of: pool)

        for _ in 0..<BlockingHandlerPool.urgentQueueLimit {
            XCTAssertEqual(.queued, pool.submit(urgent: true) {})
        }
        XCTAssertEqual(pool.submit(urgent: true) {}, .full, "past the urgent limit")
        release.signal()
    }
}
