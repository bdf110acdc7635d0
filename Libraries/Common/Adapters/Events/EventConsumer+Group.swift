import CommonKernel

extension EventConsumer {
    /// Runs `body` with the consumer's Redis connection after making sure that the group exists.
    ///
    /// A lost connection or a `NOGROUP` error makes the next call create the group again,
    /// because Redis may have restarted without its data.
    func withSession<T: Sendable>(_ body: (inout Session) throws -> T) throws -> T {
        try session.withLock { session in
            do {
                try createGroupIfNeeded(&session)
                return try body(&session)
            } catch let error as RedisError where error.isConnectionFailure || error.errorCode == "NOGROUP" {
                session.groupExists = false
                throw error
            }
        }
    }

    /// Sends `XGROUP CREATE <stream> <group> 0 MKSTREAM`, and treats `BUSYGROUP`, which means
    /// that the group exists already, as success.
    private func createGroupIfNeeded(_ session: inout Session) throws {
        guard !session.groupExists else { return }
        do {
            try session.redis.command(["XGROUP", "CREATE", stream, group, "0", "MKSTREAM"])
            logger.info("event consumer group created", ["group": group, "stream": stream])
        } catch let error as RedisError where error.errorCode == "BUSYGROUP" {
            logger.debug("event consumer group exists", ["group": group, "stream": stream])
        }
        session.groupExists = true
    }
}
