@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// The tz database reader against Foundation's ICU time zones, which tests may link.
final class ZoneInfoDirectoryTests: XCTestCase {
    private let directory = ZoneInfoDirectory()

    func testOffsetsMatchFoundationFrom1970To2037() throws {
        let zones = [
            "Asia/Dhaka", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC",
            "America/Sao_Paulo", "Pacific/Chatham", "Africa/Casablanca",
        ]
        for name in zones {
            let rules = try XCTUnwrap(directory.rules(for: name), name)
            let reference = try XCTUnwrap(TimeZone(identifier: name), name)
            // Every 3 days plus 5 hours, so that the instants fall at varied hours of the day.
            for instant in stride(from: Int64(0), to: 2_145_916_800, by: 3 * 86_400 + 5 * 3_600) {
                let expected = reference.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
                if rules.secondsFromGMT(at: instant) != expected {
                    XCTFail("\(name) at \(instant): \(rules.secondsFromGMT(at: instant)) against \(expected)")
                    break
                }
            }
        }
    }

    func testLocalMidnightMapsToTheInstantFoundationGives() throws {
        let berlin = try XCTUnwrap(directory.rules(for: "Europe/Berlin"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        // 2026-03-29 and 2026-10-25 are the days of the changes to and from summer time.
        for (day, text) in [(20_541, "2026-03-29"), (20_751, "2026-10-25"), (20_790, "2026-12-03")] {
            let parts = text.split(separator: "-").map { Int($0)! }
            let expected = try XCTUnwrap(calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])))
            XCTAssertEqual(berlin.instant(atLocal: Int64(day) * 86_400), Int64(expected.timeIntervalSince1970), text)
        }
    }

    func testUnknownAndUnsafeNamesHaveNoRules() {
        for name in [
            "Mars/Olympus", "", "../../etc/passwd", "/etc/passwd", "Asia/../Asia/Dhaka", "zone.tab", "Asia",
            "Asia//Dhaka", "Asia/Dhaka ", String(repeating: "A", count: 65),
        ] {
            XCTAssertNil(directory.rules(for: name), name)
        }
        XCTAssertNotNil(directory.rules(for: "Asia/Dhaka"))
        XCTAssertNotNil(directory.rules(for: "Etc/GMT+6"))
    }

    func testTruncatedOrForeignFilesAreRejected() throws {
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: "\(ZoneInfoDirectory.defaultFolder)/Europe/Berlin"))
        let whole = Array(bytes)
        XCTAssertNotNil(ZoneRules(identifier: "Europe/Berlin", tzif: whole))
        for length in [0, 10, 44, 60, whole.count / 2] {
            XCTAssertNil(ZoneRules(identifier: "Europe/Berlin", tzif: Array(whole.prefix(length))), "\(length) bytes")
        }
        XCTAssertNil(ZoneRules(identifier: "x", tzif: Array("not a zone file at all, but long enough to hold a header".utf8)))
    }

    func testFolderComesFromTZDIR() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zones-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Test"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try XCTUnwrap(FileManager.default.contents(atPath: "\(ZoneInfoDirectory.defaultFolder)/Asia/Dhaka"))
        try source.write(to: folder.appendingPathComponent("Test/Zone"))
        let own = ZoneInfoDirectory(folder: folder.path)
        XCTAssertEqual(own.rules(for: "Test/Zone")?.secondsFromGMT(at: 1_800_000_000), 6 * 3_600)
        XCTAssertNil(own.rules(for: "Asia/Dhaka"), "only the given folder is read")
    }
}
