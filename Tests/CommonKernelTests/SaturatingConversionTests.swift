import CommonKernel
import Foundation
import XCTest

final class SaturatingConversionTests: XCTestCase {
    func testValuesInRangeTruncateTowardZero() {
        XCTAssertEqual(Int64(saturating: 0), 0)
        XCTAssertEqual(Int64(saturating: 41.9), 41)
        XCTAssertEqual(Int64(saturating: -41.9), -41)
        XCTAssertEqual(Int64(saturating: -9_223_372_036_854_775_808.0), .min)
        XCTAssertEqual(Int64(saturating: 9_223_372_036_854_774_784.0), 9_223_372_036_854_774_784)
    }

    func testValuesBeyondRangeSaturate() {
        XCTAssertEqual(Int64(saturating: 9_223_372_036_854_775_808.0), .max)
        XCTAssertEqual(Int64(saturating: 1e300), .max)
        XCTAssertEqual(Int64(saturating: .infinity), .max)
        XCTAssertEqual(Int64(saturating: -1e300), .min)
        XCTAssertEqual(Int64(saturating: -.infinity), .min)
        XCTAssertEqual(Int64(saturating: .nan), 0)
    }

    func testFarDatesGiveExtremeMicroseconds() {
        // Int64.max microseconds, read back from a Date, rounds up to 2^63 as a Double.
        let far = Date(microsecondsSince1970: .max)
        XCTAssertEqual(far.microsecondsSince1970, .max)
        XCTAssertEqual(Date(microsecondsSince1970: .min).microsecondsSince1970, .min)
        XCTAssertEqual(Date(timeIntervalSince1970: 1e300).microsecondsSince1970, .max)
        XCTAssertEqual(Date(timeIntervalSince1970: 1_796_400_000.25).microsecondsSince1970, 1_796_400_000_250_000)
    }

    func testRevocationMillisecondsOfFarDates() {
        XCTAssertEqual(TokenRevocationRule.milliseconds(Date(timeIntervalSince1970: 1e300)), .max)
        XCTAssertEqual(TokenRevocationRule.milliseconds(Date(timeIntervalSince1970: -1e300)), .min)
    }
}
