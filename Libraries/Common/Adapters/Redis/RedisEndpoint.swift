import FoundationEssentials

/// The address, database and credentials of a Redis server, parsed from
/// `redis://[[user]:password@]host[:port][/database]`.
struct RedisEndpoint: Sendable {
    var host: String
    var port: Int
    var database: Int
    var user: String?
    var password: String?

    /// Throws `RedisError(.invalidRequest)` naming the part of the URL that is wrong, but never
    /// the URL itself, which can contain a password.
    init(url: String) throws {
        guard let components = URLComponents(string: url), components.scheme == "redis" else {
            throw RedisError(.invalidRequest, "the Redis URL must have the form redis://host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw RedisError(.invalidRequest, "the Redis URL has no host")
        }
        self.host = host
        port = components.port ?? 6379

        let path = components.path.drop { $0 == "/" }
        guard let database = path.isEmpty ? 0 : Int(path), database >= 0 else {
            throw RedisError(.invalidRequest, "the Redis URL's path must be a database number such as /0")
        }
        self.database = database
        user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        password = components.password
    }

    /// The commands that prepare a new connection: AUTH when there is a password, then SELECT.
    var handshake: [[String]] {
        var commands: [[String]] = []
        if let password { commands.append(["AUTH"] + (user.map { [$0] } ?? []) + [password]) }
        if database != 0 { commands.append(["SELECT", String(database)]) }
        return commands
    }
}
