import CommonKernel
import FoundationEssentials

extension OutboxRelay {
    /// Runs the relay thread: publishes everything pending, waits for a `NOTIFY` or
    /// `pollInterval`, and repeats. After a failure it logs one warning per outage and backs off
    /// up to 1 second.
    func run(on thread: EventWorkerThread) {
        var session: PostgresConnection?
        var backoff = RetryBackoff()
        var nextCleanup = Date()
        while !thread.shouldStop {
            do {
                let connection = try session ?? openListeningSession()
                session = connection
                try publishAll(on: connection, thread: thread)
                noteSuccess(&backoff)
                if Date() >= nextCleanup {
                    // Scheduled before the attempt, so that a failing clean-up cannot run on every pass.
                    nextCleanup = Date().addingTimeInterval(cleanupInterval)
                    try deletePublishedEvents(before: Date().addingTimeInterval(-retention), on: connection)
                }
                try waitForEvents(on: connection, thread: thread)
            } catch {
                // A session that broke is replaced. Notifications sent meanwhile are lost, which
                // is harmless because a new session publishes everything pending first.
                if let connection = session, !connection.isReusable { session = nil }
                noteFailure(error, &backoff)
                thread.pause(backoff.delay)
            }
        }
    }

    /// Publishes batches until the outbox has no unpublished row left or the relay stops.
    private func publishAll(on connection: PostgresConnection, thread: EventWorkerThread) throws {
        while !thread.shouldStop, try publishBatch(on: connection) == batchSize {}
    }

    /// Waits until a notification arrives, `pollInterval` passes or the relay stops, in slices
    /// of at most 0.25 seconds so that `stop` is not held up by a long poll interval.
    private func waitForEvents(on connection: PostgresConnection, thread: EventWorkerThread) throws {
        let deadline = Date().addingTimeInterval(pollInterval)
        while !thread.shouldStop {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return }
            if try connection.waitForNotification(timeout: min(remaining, 0.25)) { return }
        }
    }

    private func openListeningSession() throws -> PostgresConnection {
        let connection = try PostgresConnection(url: database.url, logger: logger)
        try connection.listen(Outbox.channel(schema: schema))
        return connection
    }

    private func noteSuccess(_ backoff: inout RetryBackoff) {
        let failures = backoff.consecutiveFailures
        guard backoff.recordSuccess() else { return }
        logger.info("outbox relay recovered", ["schema": schema, "failed_attempts": String(failures)])
    }

    private func noteFailure(_ error: any Error, _ backoff: inout RetryBackoff) {
        if backoff.recordFailure() {
            logger.warning(
                "outbox relay failed, events wait in the outbox until it recovers",
                ["schema": schema, "stream": stream, "error": String(reflecting: error)])
        } else {
            logger.debug("outbox relay retry failed", ["schema": schema, "error": String(describing: error)])
        }
    }
}
