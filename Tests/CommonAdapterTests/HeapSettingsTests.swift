import CMallocShim
@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// `HEAP_RETAIN_BYTES`, `HEAP_ARENAS` and the glibc settings they make.
final class HeapSettingsTests: XCTestCase {
    private func load(_ extra: [String: String]) throws -> ServiceConfiguration {
        try ServiceConfiguration.load(
            service: "heap-svc", defaultPort: 8999, environment: ["APP_ENV": "test"].merging(extra) { $1 })
    }

    func testDefaultKeepsOneMebibyte() throws {
        XCTAssertEqual(try load([:]).heapRetainBytes, 1 << 20)
        XCTAssertEqual(try load(["HEAP_RETAIN_BYTES": "0"]).heapRetainBytes, 0)
    }

    func testDefaultSharesOneArena() throws {
        XCTAssertEqual(try load([:]).heapArenas, 1)
        XCTAssertEqual(try load(["HEAP_ARENAS": "0"]).heapArenas, 0)
        XCTAssertEqual(try load(["HEAP_ARENAS": "4"]).heapArenas, 4)
        XCTAssertThrowsError(try load(["HEAP_ARENAS": "-1"])) { error in
            XCTAssertTrue("\(error)".contains("HEAP_ARENAS"), "\(error)")
        }
        XCTAssertThrowsError(try load(["HEAP_ARENAS": "many"])) { error in
            XCTAssertTrue("\(error)".contains("HEAP_ARENAS"), "\(error)")
        }
    }

    func testGlibcTakesTheArenaCap() {
        XCTAssertTrue(HeapSettings.apply(arenas: 0), "0 leaves glibc's limit and succeeds")
        // The test process keeps glibc's own limit afterwards: a cap of eight per core is the
        // default on 64-bit systems.
        let perCore = 8 * ProcessInfo.processInfo.activeProcessorCount
        XCTAssertTrue(HeapSettings.apply(arenas: perCore))
    }

    func testRejectsAValueGlibcWouldRefuse() {
        XCTAssertThrowsError(try load(["HEAP_RETAIN_BYTES": "\(64 << 20)"])) { error in
            XCTAssertTrue("\(error)".contains("HEAP_RETAIN_BYTES"), "\(error)")
        }
        XCTAssertThrowsError(try load(["HEAP_RETAIN_BYTES": "-1"]))
    }

    /// With the thresholds fixed at 4 MiB, a 1 MiB block comes from the arena instead of a
    /// mapping of its own. Under glibc's starting threshold of 128 KiB it would have been mapped
    /// with mmap on allocation and unmapped on free.
    func testMebibyteBlockComesFromTheArena() throws {
        XCTAssertTrue(HeapSettings.apply(retainBytes: 4 << 20))
        XCTAssertTrue(HeapSettings.apply(retainBytes: 0), "0 leaves glibc's settings and succeeds")
        let size = 1 << 20
        let mappedBefore = cmalloc_mapped_bytes()
        let block = try XCTUnwrap(malloc(size))
        let mappedDuring = cmalloc_mapped_bytes()
        memset(block, 1, size)
        free(block)
        XCTAssertLessThan(mappedDuring, mappedBefore + UInt(size), "the block was mapped on its own")
    }
}
