@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Results in PostgreSQL's binary format, read through `PostgresResultCells`.
final class PostgresBinaryResultTests: XCTestCase {
    private var pool: PostgresPool!

    override func setUpWithError() throws {
        pool = PostgresPool(url: try TestDatabases.appURL(), size: 1, logger: TestDatabases.logger)
    }

    override func tearDown() {
        pool?.close()
    }

    /// Runs `sql` with a binary result after a text statement, as the catalog's page reads do.
    private func readBinary<T>(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], _ read: (PostgresResultCells) throws -> T
    ) throws -> T {
        try pool.withConnection { connection in
            try connection.pipeline(
                [PostgresStatement("SELECT 1"), PostgresStatement(sql, parameters, resultFormat: .binary)],
                readingLast: read)
        }
    }

    func testBinaryValuesDecode() throws {
        let id = UUID()
        let values = try readBinary(
            """
            SELECT $1::uuid AS id, v.n, v.at, v.title
            FROM (VALUES (-42::bigint, timestamptz '2026-12-05 10:15:30.123+00', 'Jamdani শাড়ি'),
                         (9007199254740993, timestamptz '1969-12-31 23:59:59.999+00', '')) AS v (n, at, title)
            """, [id]
        ) { cells in
            let (idColumn, number, time, title) = (
                try cells.column("id"), try cells.column("n"), try cells.column("at"), try cells.column("title"))
            return try (0..<cells.rowCount).map { row in
                (
                    try cells.binaryUUID(row: row, column: idColumn), try cells.binaryInt64(row: row, column: number),
                    try cells.binaryTimestampMicroseconds(row: row, column: time),
                    try cells.binaryText(row: row, column: title)
                )
            }
        }

        XCTAssertEqual(values.count, 2)
        XCTAssertEqual(values[0].0, id)
        XCTAssertEqual(values[0].1, -42)
        XCTAssertEqual(values[0].2, 1_796_465_730_123_000)
        XCTAssertEqual(values[0].3, "Jamdani শাড়ি")
        XCTAssertEqual(values[1].1, 9_007_199_254_740_993, "a bigint beyond a double's exact range")
        XCTAssertEqual(values[1].2, -1_000, "a time before 1970")
        XCTAssertEqual(values[1].3, "")
    }

    func testMismatchedReadsThrow() throws {
        try readBinary(
            "SELECT 7::integer AS small, 'x'::text AS word, NULL::bigint AS missing, 'infinity'::timestamptz AS forever"
        ) { cells in
            XCTAssertThrowsError(try cells.binaryInt64(row: 0, column: try cells.column("small")), "an integer read as bigint")
            XCTAssertThrowsError(try cells.binaryUUID(row: 0, column: try cells.column("word")), "text read as uuid")
            XCTAssertThrowsError(try cells.binaryInt64(row: 0, column: try cells.column("missing")), "NULL read as bigint")
            XCTAssertThrowsError(
                try cells.binaryTimestampMicroseconds(row: 0, column: try cells.column("forever")), "infinity read as a time")
            XCTAssertThrowsError(try cells.binaryInt64(row: 1, column: 0), "a row past the end")
            XCTAssertThrowsError(try cells.binaryText(row: 0, column: 9), "a column past the end")
        }

        let textResult = try pool.withConnection { connection in
            try connection.pipeline([PostgresStatement("SELECT 5::bigint AS n")]) { cells in
                Result { try cells.binaryInt64(row: 0, column: 0) }
            }
        }
        XCTAssertThrowsError(try textResult.get(), "a text result read as binary")
    }

    func testPipelineOfRowsRejectsBinaryResult() throws {
        try pool.withConnection { connection in
            XCTAssertThrowsError(
                try connection.pipeline([PostgresStatement("SELECT 1 AS n", resultFormat: .binary)]),
                "binary values returned as text rows")
            XCTAssertEqual(try connection.query("SELECT 2 AS n")[0].int("n"), 2, "the connection was left unusable")
        }
    }
}
