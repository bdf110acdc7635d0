import CMallocShim
@testable import CommonAdapters
import Foundation
import XCTest

final class IdleHeapTrimmerTests: XCTestCase {
    func testTrimsOnceAfterEachBusySpell() {
        var state = IdleHeapTrimmer.State()
        XCTAssertTrue(state.shouldTrim(afterBusyInterval: false, freeBytes: 1000), "the first idle second after start-up trims")
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: false, freeBytes: 1000), "a second idle second does not trim again")
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: true, freeBytes: 0))
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: true, freeBytes: 0))
        XCTAssertTrue(state.shouldTrim(afterBusyInterval: false, freeBytes: 5000), "idle after busy trims")
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: false, freeBytes: 5000))
    }

    func testTrimsAgainWhenMemoryIsFreedWhileIdle() {
        let step = IdleHeapTrimmer.regrowthBytes
        var state = IdleHeapTrimmer.State()
        XCTAssertTrue(state.shouldTrim(afterBusyInterval: false, freeBytes: 4 * step))
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: false, freeBytes: 5 * step - 1), "less than the step")
        XCTAssertTrue(state.shouldTrim(afterBusyInterval: false, freeBytes: 5 * step), "a step more became free")
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: false, freeBytes: 5 * step))
        // Reuse lowers the count; what is freed after that is measured from the lowest count.
        XCTAssertFalse(state.shouldTrim(afterBusyInterval: false, freeBytes: 2 * step))
        XCTAssertTrue(state.shouldTrim(afterBusyInterval: false, freeBytes: 3 * step), "a step over the lowest")
    }

    func testProcessClockAdvancesWithWork() {
        let before = IdleHeapTrimmer.processCPUSeconds()
        var sum = 0.0
        for index in 0..<5_000_000 { sum += Double(index).squareRoot() }
        XCTAssertGreaterThan(sum, 0)
        XCTAssertGreaterThan(IdleHeapTrimmer.processCPUSeconds(), before)
    }

    /// Frees every other 64 KiB block of 32 MiB. The freed blocks lie between blocks still in
    /// use, so free() cannot hand them back at the top of the heap: their 16 MiB stay resident
    /// until the trim releases the pages inside them.
    func testReleaseReturnsFreedArenaMemory() throws {
        XCTAssertTrue(HeapSettings.apply(retainBytes: 4 << 20))
        let blockSize = 64 << 10
        var inUse: [UnsafeMutableRawPointer] = []
        var freed: [UnsafeMutableRawPointer] = []
        for index in 0..<512 {
            let block = try XCTUnwrap(malloc(blockSize))
            memset(block, 1, blockSize)
            if index % 2 == 0 { freed.append(block) } else { inUse.append(block) }
        }
        defer { inUse.forEach { free($0) } }
        freed.forEach { free($0) }
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
