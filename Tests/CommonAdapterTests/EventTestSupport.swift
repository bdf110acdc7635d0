@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// A migrated schema with the event tables and an `effects` table, a stream name of its own, and
/// clients for both servers, so that event tests never see each other's rows or entries.
final class EventTestBed {
    let schema = TestDatabases.uniqueSchema("events")
    let stream = "test:events:\(UUID().uuidString.prefix(8).lowercased())"
    let group = "test-group"
    let redisURL: String
    let pool: PostgresPool
    let redis: RedisClient
    let metrics = MetricsRegistry()
    let logSink = LogSink.memory()
    let logger: Logger
    private let ownerURL: String

    /// Uses the shared test servers, or skips the test when they are not configured.
    convenience init() throws {
        try self.init(appURL: TestDatabases.appURL(), ownerURL: TestDatabases.ownerURL(), redisURL: TestDatabases.redisURL())
    }

    init(appURL: String, ownerURL: String, redisURL: String) throws {
        self.ownerURL = ownerURL
        self.redisURL = redisURL
        logger = Logger(label: "event-tests", level: .debug, sink: logSink)
        pool = PostgresPool(url: appURL, size: 4, logger: TestDatabases.logger)
        redis = RedisClient(url: redisURL, logger: TestDatabases.logger)
        let migrator = PostgresMigrator(url: ownerURL, schema: schema, appRole: "commerce_app", logger: TestDatabases.logger)
        _ = try migrator.migrate([
            Migration(version: 1, name: "create event tables", sql: EventMigrations.tables(schema: schema)),
            Migration(version: 2, name: "create test tables", sql: """
                CREATE TABLE notes (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, body text NOT NULL);
                CREATE TABLE effects (
                    event_id uuid NOT NULL,
                    tenant_id uuid NOT NULL DEFAULT NULLIF(current_setting('app.tenant_id', true), '')::uuid
                );
                CREATE TABLE deferred_keys (key integer UNIQUE DEFERRABLE INITIALLY DEFERRED);
                """),
        ])
    }

    func close() {
        _ = try? redis.command(["DEL", stream, EventStreams.deadLetter(for: stream)])
        redis.close()
        pool.close()
        if let owner = try? PostgresConnection(url: ownerURL, logger: TestDatabases.logger) {
            _ = try? owner.execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
        }
    }

    // MARK: Writing events

    func makeEvent(type: String = "note.added", tenantID: UUID = UUID()) -> EventEnvelope {
        EventEnvelope(type: type, tenantID: tenantID, data: .object(["body": .string("note \(UUID().uuidString)")]))
    }

    /// Writes each event with a note row, one transaction per event, and returns the events.
    @discardableResult
    func appendEvents(_ count: Int, type: String = "note.added") throws -> [EventEnvelope] {
        try (0..<count).map { _ in
            let event = makeEvent(type: type)
            try pool.withTenantTransaction(event.tenantID) { connection in
                try connection.execute(
                    "INSERT INTO \(schema).notes (id, tenant_id, body) VALUES ($1, $2, 'added')", [UUID(), event.tenantID])
                try Outbox.append(event, schema: schema, on: connection)
            }
            return event
        }
    }

    func makeRelay(pollInterval: TimeInterval = 0.05) -> OutboxRelay {
        OutboxRelay(
            database: pool, redisURL: redisURL, schema: schema, stream: stream, logger: logger, metrics: metrics,
            pollInterval: pollInterval)
    }

    // MARK: Reading state

    /// Returns the entries of `stream` (default: the test's stream) in order.
    func entries(of stream: String? = nil) throws -> [StreamEntry] {
        try StreamEntry.entries(fromRange: try redis.command(["XRANGE", stream ?? self.stream, "-", "+"]))
    }

    func publishedEnvelopes() throws -> [EventEnvelope] {
        try entries().map { entry in try EventEnvelope(jsonText: entry.fields?["envelope"] ?? "") }
    }

    func count(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try pool.withConnection { connection in try connection.query(sql, parameters)[0].int("count") }
    }

    func unpublishedCount() throws -> Int {
        try count("SELECT count(*) AS count FROM \(schema).outbox WHERE published_at IS NULL")
    }

    /// Returns the logged lines with `message`, parsed into their fields.
    func logLines(_ message: String) -> [[String: String]] {
        logSink.capturedLines.compactMap { line in
            let fields = try? JSONDecoder().decode([String: String].self, from: Data(line.utf8))
            return fields?["message"] == message ? fields : nil
        }
    }
}

/// A number shared between a handler on the consumer's thread and the test.
final class SharedCounter: Sendable {
    private let value = Atomic<Int>(0)

    @discardableResult
    func increment() -> Int { value.add(1, ordering: .relaxed).newValue }

    var current: Int { value.load(ordering: .relaxed) }
}

/// An error that a test handler throws on purpose.
struct HandlerRejection: Error, CustomStringConvertible {
    var description: String { "handler rejected the event" }
}
