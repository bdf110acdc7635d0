import CPostgres
import Glibc

extension PostgresConnection {
    /// Subscribes this session to `NOTIFY` on `channel`, which must be a plain SQL identifier.
    func listen(_ channel: String) throws {
        try execute("LISTEN \"\(channel)\"")
    }

    /// Waits up to `timeout` seconds for a notification on a channel this session listens to,
    /// and returns true when at least one arrived. Consumes every notification that is queued,
    /// so several `NOTIFY`s wake the caller once.
    ///
    /// Throws a connection-failure `PostgresError` when the server closed the connection.
    func waitForNotification(timeout: Double) throws -> Bool {
        if takeNotifications() { return true }

        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32((timeout * 1000).rounded(.up)))
        guard ready > 0 else { return false }
        guard PQconsumeInput(handle) == 1 else {
            isBroken = true
            throw PostgresError(connection: handle)
        }
        return takeNotifications()
    }

    // libpq queues notifications that arrive while a query runs as well, so they are read here
    // before waiting on the socket.
    private func takeNotifications() -> Bool {
        var received = false
        while let notification = PQnotifies(handle) {
            PQfreemem(notification)
            received = true
        }
        return received
    }
}
