import CMallocShim
@testable import CommonAdapters
import Foundation
import XCTest

final class IdleHeapTrimmerTests: XCTestCase {
    func testTrimsOnceAfterEachBusySpell() {
        var state = IdleHeapTrimmer.State()
        XCTAssertTrue(state.shouldTrim(afterBusyInterval: false), "the first idle second after start-up trims")
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: false), "a second idle second does not trim again")
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: true))
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: true))
        XCTAssertTrue(state.shouldTrim(afterBusyInterval: false), "idle after busy trims")
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: false))
    }

    func testProcessClockAdvancesWithWork() {
        let before = IdleHeapTrimmer.processCPUSeconds()
        var sum = 0.0
        for index in 0..<5_000_000 { sum += Double(index).squareRoot() }
        XCTAssertGreaterThan(sum, 0)
        XCTAssertGreaterThan(IdleHeapTrimmer.processCPUSeconds(), before)
    }

    /// With the thresholds at 4 MiB, 16 MiB of freed 64 KiB blocks stay resident in the arena
    /// until the trim hands them back.
    func testReleaseReturnsFreedArenaMemory() throws {
        XCTAssertTrue(HeapSettings.apply(retainBytes: 4 << 20))
        let blockSize = 64 << 10
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<256 {
            let block = try XCTUnwrap(malloc(blockSize))
            memset(block, 1, blockSize)
            blocks.append(block)
        }
        blocks.reversed().forEach { free($0) }
        let residentBefore = try residentBytes()
        cmalloc_release_free_memory()
        let residentAfter = try residentBytes()
        XCTAssertLessThan(residentAfter, residentBefore - (8 << 20), "before \(residentBefore), after \(residentAfter)")
    }

    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try XCTUnwrap(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
