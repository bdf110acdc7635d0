/// One Redis connection of its own for a relay or consumer, opened on first use and reopened
/// after a connection failure.
///
/// A consumer's `XREADGROUP … BLOCK` occupies its connection, so consumers do not share the
/// service's `RedisClient`. A dedicated connection also keeps the retries of an outage from
/// logging through the client's pool on every attempt. Used by one thread at a time.
final class EventStreamConnection {
    private let url: String
    private let socketTimeout: Double
    private var connection: RedisConnection?

    /// `socketTimeout` in seconds must exceed every `BLOCK` sent on this connection, or the
    /// read times out and the connection must be reopened.
    init(url: String, socketTimeout: Double) {
        self.url = url
        self.socketTimeout = socketTimeout
    }

    /// Sends a command and returns its reply. Throws `RedisError(.reply)` for an error reply,
    /// `RedisError(.connection)` when Redis cannot be reached or the connection breaks, and
    /// `RedisError(.invalidRequest)` for an invalid URL.
    @discardableResult
    func command(_ arguments: [String]) throws -> RedisReply {
        let connection = try openConnection()
        do {
            return try connection.command(arguments.map { Array($0.utf8) })
        } catch {
            if connection.isBroken { self.connection = nil }
            throw error
        }
    }

    /// Closes the connection. The next command opens a new one.
    func close() {
        connection = nil
    }

    private func openConnection() throws -> RedisConnection {
        if let connection { return connection }
        let endpoint = try RedisEndpoint(url: url)
        let opened = try RedisConnection(endpoint: endpoint, connectTimeout: 2, socketTimeout: socketTimeout)
        connection = opened
        return opened
    }
}
