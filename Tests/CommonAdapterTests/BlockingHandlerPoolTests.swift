@testable import CommonAdapters
import Foundation
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
}
