@testable import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

extension EventTestBed {
    /// A consumer whose handler records an effect row in the handler's transaction.
    func makeConsumer(
        name: String = "consumer-a", types: Set<String> = ["note.added"], maxDeliveries: Int = 5,
        claimIdle: TimeInterval = 30, handler: (@Sendable (EventEnvelope, PostgresConnection) throws -> Void)? = nil
    ) -> EventConsumer {
        let schema = schema
        let recordEffect: @Sendable (EventEnvelope, PostgresConnection) throws -> Void = { envelope, connection in
            try connection.execute("INSERT INTO \(schema).effects (event_id) VALUES ($1)", [envelope.id])
        }
        return EventConsumer(
            database: pool, redisURL: redisURL, schema: schema, group: group, consumerName: name, types: types,
            stream: stream, logger: logger, metrics: metrics, maxDeliveries: maxDeliveries, claimIdle: claimIdle,
            handler: handler ?? recordEffect)
    }

    /// Returns the number of entries that the group has delivered but not acknowledged.
    func pendingCount() throws -> Int {
        let reply = try redis.command(["XPENDING", stream, group])
        guard case .integer(let count)? = reply.array?.first else {
            XCTFail("XPENDING returned \(reply)")
            return -1
        }
        return Int(count)
    }

    func effectCount(of event: EventEnvelope) throws -> Int {
        try count("SELECT count(*) AS count FROM \(schema).effects WHERE event_id = $1", [event.id])
    }
}

/// The envelopes that a handler received, readable from the test's thread.
final class ReceivedEnvelopes: Sendable {
    private let envelopes = Mutex<[EventEnvelope]>([])

    func append(_ envelope: EventEnvelope) {
        envelopes.withLock { $0.append(envelope) }
    }

    var all: [EventEnvelope] { envelopes.withLock { $0 } }
}
