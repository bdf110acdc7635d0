@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Checks that an event commits or rolls back together with the change that caused it.
final class EventOutboxTests: XCTestCase {
    private var bed: EventTestBed!

    override func setUpWithError() throws {
        bed = try EventTestBed()
    }

    override func tearDown() {
        bed?.close()
    }

    private func noteCount(_ noteID: UUID) throws -> Int {
        try bed.count("SELECT count(*) AS count FROM \(bed.schema).notes WHERE id = $1", [noteID])
    }

    private func outboxCount(_ event: EventEnvelope) throws -> Int {
        try bed.count("SELECT count(*) AS count FROM \(bed.schema).outbox WHERE id = $1", [event.id])
    }

    private func addNote(_ noteID: UUID, event: EventEnvelope, thenThrow: Bool) throws {
        try bed.pool.withTenantTransaction(event.tenantID) { connection in
            try connection.execute(
                "INSERT INTO \(bed.schema).notes (id, tenant_id, body) VALUES ($1, $2, 'n')", [noteID, event.tenantID])
            try Outbox.append(event, schema: bed.schema, on: connection)
            if thenThrow { throw HandlerRejection() }
        }
    }

    func testEventCommitsWithChange() throws {
        let event = bed.makeEvent()
        let noteID = UUID()

        try addNote(noteID, event: event, thenThrow: false)

        XCTAssertEqual(try noteCount(noteID), 1)
        XCTAssertEqual(try outboxCount(event), 1)
        XCTAssertEqual(try bed.unpublishedCount(), 1)
    }

    func testEventRollsBackWithChange() throws {
        let event = bed.makeEvent()
        let noteID = UUID()

        XCTAssertThrowsError(try addNote(noteID, event: event, thenThrow: true))

        XCTAssertEqual(try noteCount(noteID), 0)
        XCTAssertEqual(try outboxCount(event), 0)
    }

    func testOutboxRowKeepsEnvelopeFields() throws {
        let event = bed.makeEvent()
        try addNote(UUID(), event: event, thenThrow: false)

        let row = try bed.pool.withConnection { connection in
            try connection.query(
                """
                SELECT type, tenant_id, occurred_at, version, data::text AS data, published_at
                FROM \(bed.schema).outbox WHERE id = $1
                """,
                [event.id])[0]
        }

        XCTAssertEqual(try row.string("type"), event.type)
        XCTAssertEqual(try row.uuid("tenant_id"), event.tenantID)
        XCTAssertEqual(try row.date("occurred_at").microsecondsSince1970, event.occurredAt.microsecondsSince1970)
        XCTAssertEqual(try row.int("version"), event.version)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: Data(try row.string("data").utf8)), event.data)
        XCTAssertTrue(row.isNull("published_at"))
    }

    func testSameEventIDIsRejected() throws {
        let event = bed.makeEvent()
        try addNote(UUID(), event: event, thenThrow: false)

        XCTAssertThrowsError(try addNote(UUID(), event: event, thenThrow: false)) { error in
            XCTAssertEqual((error as? PostgresError)?.isUniqueViolation, true)
        }
    }
}
