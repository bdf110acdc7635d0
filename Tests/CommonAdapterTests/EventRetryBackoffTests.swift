@testable import CommonAdapters
import XCTest

final class EventRetryBackoffTests: XCTestCase {
    func testDelayDoublesUpToMaximum() {
        var backoff = RetryBackoff(initialDelay: 0.05, maximumDelay: 1)
        var delays: [Double] = []
        for _ in 0..<7 {
            _ = backoff.recordFailure()
            delays.append(backoff.delay)
        }

        XCTAssertEqual(delays, [0.05, 0.1, 0.2, 0.4, 0.8, 1, 1])
    }

    func testOnlyFirstFailureStartsOutage() {
        var backoff = RetryBackoff()

        XCTAssertTrue(backoff.recordFailure())
        XCTAssertFalse(backoff.recordFailure())
        XCTAssertFalse(backoff.recordFailure())
        XCTAssertEqual(backoff.consecutiveFailures, 3)
    }

    func testSuccessEndsOutageOnce() {
        var backoff = RetryBackoff()
        _ = backoff.recordFailure()

        XCTAssertTrue(backoff.recordSuccess())
        XCTAssertFalse(backoff.recordSuccess())
        XCTAssertEqual(backoff.delay, 0)
        XCTAssertTrue(backoff.recordFailure(), "a failure after a success starts a new outage")
    }

    func testManyFailuresKeepMaximumDelay() {
        var backoff = RetryBackoff(initialDelay: 0.05, maximumDelay: 1)
        for _ in 0..<1_000 {
            _ = backoff.recordFailure()
        }

        XCTAssertEqual(backoff.delay, 1)
    }
}
