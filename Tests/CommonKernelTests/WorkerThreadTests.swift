import CommonKernel
import Dispatch
import Foundation
import XCTest

final class WorkerThreadTests: XCTestCase {
    func testStartRunsBodyOnNamedThread() throws {
        let done = DispatchSemaphore(value: 0)
        let seen = SleepingLock<(name: String, sameThread: Bool)?>(nil)
        let caller = pthread_self()
        WorkerThread.start(name: "a-rather-long-worker-name") {
            let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
            seen.withLock { $0 = (name.trimmingCharacters(in: .newlines), pthread_equal(caller, pthread_self()) != 0) }
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "the body did not run")
        let result = try XCTUnwrap(seen.withLock { $0 })
        XCTAssertEqual(result.name, "a-rather-long-w", "Linux keeps the first 15 bytes of a thread's name")
        XCTAssertFalse(result.sameThread)
    }

    func testSleepWaitsAtLeastTheTime() {
        let clock = ContinuousClock()
        let elapsed = clock.measure { WorkerThread.sleep(seconds: 0.05) }
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(50))
    }
}
