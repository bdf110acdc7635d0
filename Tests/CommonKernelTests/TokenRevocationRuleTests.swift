import CommonKernel
import Foundation
import XCTest

final class TokenRevocationRuleTests: XCTestCase {
    private let change = Date(timeIntervalSince1970: 1_796_400_000.5004)

    func testNoRevocationKeepsToken() {
        XCTAssertFalse(TokenRevocationRule.isRevoked(issuedAt: change, revokedBefore: nil))
        XCTAssertFalse(TokenRevocationRule.isRevoked(issuedAt: nil, revokedBefore: nil))
    }

    func testTokenBeforeChangeIsRevoked() {
        XCTAssertTrue(TokenRevocationRule.isRevoked(issuedAt: change.addingTimeInterval(-3600), revokedBefore: change))
        XCTAssertTrue(TokenRevocationRule.isRevoked(issuedAt: change.addingTimeInterval(-0.001), revokedBefore: change))
    }

    func testTokenInSameSecondBeforeChangeIsRevoked() {
        let sameSecond = Date(timeIntervalSince1970: 1_796_400_000.2)

        XCTAssertTrue(TokenRevocationRule.isRevoked(issuedAt: sameSecond, revokedBefore: change))
    }

    func testTokenInSameSecondAfterChangeIsKept() {
        let sameSecond = Date(timeIntervalSince1970: 1_796_400_000.9)

        XCTAssertFalse(TokenRevocationRule.isRevoked(issuedAt: sameSecond, revokedBefore: change))
    }

    func testTokenInSameMillisecondIsKept() {
        let sameMillisecond = Date(timeIntervalSince1970: 1_796_400_000.5001)

        XCTAssertFalse(TokenRevocationRule.isRevoked(issuedAt: sameMillisecond, revokedBefore: change))
        XCTAssertFalse(TokenRevocationRule.isRevoked(issuedAt: change, revokedBefore: change))
    }

    func testTokenWithoutIssueTimeIsRevoked() {
        XCTAssertTrue(TokenRevocationRule.isRevoked(issuedAt: nil, revokedBefore: change))
    }

    func testMillisecondsRecoverStoredCount() {
        for count: Int64 in [1_796_400_000_001, 1_796_400_000_003, 1_796_400_000_007, 1_796_400_000_999] {
            let date = Date(timeIntervalSince1970: Double(count) / 1000)

            XCTAssertEqual(TokenRevocationRule.milliseconds(date), count)
        }
    }

    func testRevokedErrorIsUnauthorized() {
        let error = TokenRevocationRule.revokedError()

        XCTAssertEqual(error.kind, .unauthorized)
        XCTAssertEqual(error.code, "auth.token_revoked")
        XCTAssertTrue(error.detail.contains("log in again"), error.detail)
    }
}
