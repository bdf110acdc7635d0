import CommonKernel
import Foundation
@testable import OrderCore
import XCTest

final class LocalDayTests: XCTestCase {
    func testDayNumbersMatchFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        for text in ["1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "2026-12-05", "9999-12-31", "1900-03-01", "1583-01-01"] {
            let parts = text.split(separator: "-").map { Int($0)! }
            let date = try XCTUnwrap(calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])))
            XCTAssertEqual(LocalDay.dayNumber(text), Int64((date.timeIntervalSince1970 / 86_400).rounded(.down)), text)
        }
    }

    /// Before 1582, Foundation's calendar switches to the Julian one; days here stay Gregorian, as
    /// PostgreSQL's `date` does.
    func testEarlyDaysStayGregorian() {
        XCTAssertEqual(LocalDay.dayNumber("0001-01-01"), -719_162)
        XCTAssertEqual(LocalDay.dayNumber("1582-10-15"), -141_427, "the first day of the Gregorian reform")
    }

    func testRejectsDatesThatDoNotExist() {
        for text in ["2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01", "2026-1-01",
                     "+026-01-01", "2026-01-0a", "2026/01/01", ""] {
            XCTAssertNil(LocalDay.dayNumber(text), text)
        }
    }

    func testDaysFollowTheZonesChanges() {
        // A zone one hour ahead of UTC until 1 000 000 000 s after 1970, two hours ahead after.
        let zone = ZoneRules(identifier: "Test/Zone", initialOffset: 3_600, transitions: [(at: 1_000_000_000, offset: 7_200)])
        var errors: [FieldError] = []
        let start = LocalDay.startOfDay("2001-09-10", field: "placed_from", in: zone, errors: &errors)
        XCTAssertEqual(start?.timeIntervalSince1970, 1_000_080_000 - 7_200)
        let next = start.map { LocalDay.nextDay(after: $0, in: zone) }
        XCTAssertEqual(next?.timeIntervalSince1970, 1_000_166_400 - 7_200)
        XCTAssertEqual(errors, [])
        _ = LocalDay.startOfDay("2001-02-30", field: "placed_to", in: zone, errors: &errors)
        XCTAssertEqual(errors.map(\.field), ["placed_to"])
    }
}
