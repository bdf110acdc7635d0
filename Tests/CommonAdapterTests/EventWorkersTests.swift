@testable import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Runs the relay and consumers that `serve` builds from a service's `EventSettings`.
final class EventWorkersTests: XCTestCase {
    private var bed: EventTestBed!
    private var runtime: ServiceRuntime!

    override func setUpWithError() throws {
        bed = try EventTestBed()
        let configuration = try ServiceConfiguration.load(
            service: "wiring-svc", defaultPort: 8999,
            environment: ["APP_ENV": "test", "DATABASE_URL": try TestDatabases.appURL(), "REDIS_URL": bed.redisURL])
        runtime = ServiceRuntime(configuration: configuration, logger: bed.logger)
    }

    override func tearDown() {
        runtime?.database.close()
        runtime?.redis.close()
        _ = try? bed?.redis.command(["XGROUP", "DESTROY", bed.stream, "wiring-svc"])
        bed?.close()
    }

    private func settings(publishes: Bool) -> EventSettings {
        let schema = bed.schema
        let stream = bed.stream
        return EventSettings(schema: schema, publishes: publishes, stream: stream) { runtime in
            [
                runtime.eventConsumer(schema: schema, types: ["note.added"], stream: stream) { envelope, connection in
                    try connection.execute("INSERT INTO \(schema).effects (event_id) VALUES ($1)", [envelope.id])
                }
            ]
        }
    }

    func testWorkersPublishAndConsume() throws {
        let workers = try EventWorkers(settings: settings(publishes: true), runtime: runtime)
        workers.start()
        let events = try bed.appendEvents(5)

        let effects = "SELECT count(*) AS count FROM \(bed.schema).effects"
        XCTAssertTrue(RedisTestSupport.waitUntil(seconds: 10) { (try? bed.count(effects)) == events.count })
        let stopping = Date()
        workers.stop()

        XCTAssertLessThan(Date().timeIntervalSince(stopping), 3, "the consumer and relay stop together")
        let group = try bed.count(
            "SELECT count(*) AS count FROM \(bed.schema).processed_events WHERE consumer_group = 'wiring-svc'")
        XCTAssertEqual(group, events.count, "the group is named after the service")
        XCTAssertTrue(runtime.metrics.render().contains(#"events_published_total{stream="\#(bed.stream)"} 5"#))
    }

    func testStoppedWorkersPublishNothing() throws {
        let workers = try EventWorkers(settings: settings(publishes: true), runtime: runtime)
        workers.start()
        workers.stop()

        try bed.appendEvents(1)
        Thread.sleep(forTimeInterval: 0.3)

        XCTAssertEqual(try bed.unpublishedCount(), 1)
    }

    func testServiceWithoutPublishingRunsNoRelay() throws {
        let workers = try EventWorkers(settings: settings(publishes: false), runtime: runtime)

        XCTAssertNil(workers.relay)
        XCTAssertEqual(workers.consumers.count, 1)
        XCTAssertEqual(workers.consumers.first?.group, "wiring-svc")
        XCTAssertTrue(workers.consumers.first?.consumerName.hasPrefix("wiring-svc-") ?? false)
    }
}
