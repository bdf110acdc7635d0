import CPostgres
import Glibc

extension PostgresConnection: PooledConnection {
    /// True when the connection is open, outside any transaction and pipeline, no failure left
    /// it in an unknown state, and it carried no large value (see `largeValueBytes`).
    var isReusable: Bool {
        !isBroken && !carriedLargeValue && PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
            && PQpipelineStatus(handle) == PQ_PIPELINE_OFF
    }

    /// Reconnects an idle connection that the server has closed, for example by restarting.
    ///
    /// libpq notices a closed socket only when it next reads, so this polls the socket first.
    /// An idle connection that does not LISTEN has nothing to read unless the server sent its
    /// goodbye (such as 57P01, "terminating connection due to administrator command") and
    /// closed. Throws a connection-failure `PostgresError` when reconnecting fails.
    func prepareForReuse() throws {
        guard PQstatus(handle) != CONNECTION_OK || hasUnexpectedInput() else { return }
        try reconnect()
    }

    /// Replaces the server session with a new one to the same server (`PQreset`). The new
    /// session has none of the old one's prepared statements, so the cache starts empty.
    func reconnect() throws {
        PQreset(handle)
        preparedStatements.removeAll()
        guard PQstatus(handle) == CONNECTION_OK else { throw PostgresError(connection: handle) }
        isBroken = false
        try execute("SET TimeZone = 'UTC'")
    }

    private func hasUnexpectedInput() -> Bool {
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }
}
