import CommonKernel
import FoundationEssentials

extension EventConsumer {
    /// Runs the consumer thread: claims stuck entries every `claimIdle / 2` seconds and reads new
    /// ones with a 1-second `BLOCK` in between. After a failure it logs one warning per outage
    /// and backs off up to 1 second.
    func run(on thread: EventWorkerThread) {
        var backoff = RetryBackoff()
        var nextReclaim = Date()
        while !thread.shouldStop {
            do {
                if Date() >= nextReclaim {
                    // Scheduled before the attempt, so that a failing claim cannot keep the
                    // consumer from reading new entries.
                    nextReclaim = Date().addingTimeInterval(claimIdle / 2)
                    try reclaimStuck()
                }
                try pollOnce(block: 1)
                noteSuccess(&backoff)
            } catch {
                noteFailure(error, &backoff)
                thread.pause(backoff.delay)
            }
        }
        session.withLock { $0.redis.close() }
    }

    private func noteSuccess(_ backoff: inout RetryBackoff) {
        let failures = backoff.consecutiveFailures
        guard backoff.recordSuccess() else { return }
        logger.info("event consumer recovered", ["group": group, "failed_attempts": String(failures)])
    }

    private func noteFailure(_ error: any Error, _ backoff: inout RetryBackoff) {
        let fields = ["group": group, "consumer": consumerName, "stream": stream, "error": String(reflecting: error)]
        if backoff.recordFailure() {
            logger.warning("event consumer failed, retrying", fields)
        } else {
            logger.debug("event consumer retry failed", fields)
        }
    }
}
