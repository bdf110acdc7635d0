import CommonKernel

/// The idle keep-alive connections of one client, by host and port, safe to share between threads.
///
/// At most `maxIdleConnections` wait at once; checking in one more closes the connection that
/// has waited longest. Connections are closed when they leave the pool unused, always outside
/// the lock.
final class HTTPConnectionPool: Sendable {
    let maxIdleConnections: Int
    /// Oldest first. A linear search is cheap at this size, and it keeps one order across hosts.
    private let idle = SleepingLock<[(authority: String, connection: TCPConnection)]>([])

    init(maxIdleConnections: Int) {
        self.maxIdleConnections = maxIdleConnections
    }

    /// Returns the most recently used idle connection to `authority` that is still open and has
    /// nothing to read, or nil. Connections that the upstream closed are dropped on the way.
    func checkOut(authority: String) -> TCPConnection? {
        while let candidate = takeNewest(authority: authority) {
            if candidate.isIdleAndOpen() { return candidate }
        }
        return nil
    }

    /// Keeps `connection` for the next request to `authority`.
    func checkIn(_ connection: TCPConnection, authority: String) {
        let evicted = idle.withLock { entries -> TCPConnection? in
            entries.append((authority, connection))
            return entries.count > maxIdleConnections ? entries.removeFirst().connection : nil
        }
        // Releasing the evicted connection here, after the lock, closes its socket.
        _ = evicted
    }

    /// The number of idle connections.
    var count: Int { idle.withLock { $0.count } }

    private func takeNewest(authority: String) -> TCPConnection? {
        idle.withLock { entries in
            guard let index = entries.lastIndex(where: { $0.authority == authority }) else { return nil }
            return entries.remove(at: index).connection
        }
    }
}
