import CommonKernel

/// A `KeyValueCache` in Redis, shared by every instance that uses the same prefix.
///
/// Keys are stored as `prefix + key`. Errors are those of `RedisClient.command`.
public final class RedisCache: KeyValueCache {
    private let client: RedisClient
    private let prefix: String

    public init(client: RedisClient, prefix: String = "") {
        self.client = client
        self.prefix = prefix
    }

    /// Returns the value, or nil when the key is missing or has expired.
    public func get(_ key: String) throws -> [UInt8]? {
        switch try client.command(bytes: [Array("GET".utf8), storageKey(key)]) {
        case .string(let value): return value
        case .null: return nil
        case let other: throw RedisError(.unexpectedReply, "GET returned \(other)")
        }
    }

    /// Stores the value for `ttlSeconds`, or for 1 second when `ttlSeconds` is less than 1.
    public func set(_ key: String, _ value: [UInt8], ttlSeconds: Int) throws {
        let ttl = Array(String(max(1, ttlSeconds)).utf8)
        try client.command(bytes: [Array("SET".utf8), storageKey(key), value, Array("EX".utf8), ttl])
    }

    /// Stores the value for `ttlSeconds` (at least 1) only when the key is absent, with `SET NX`.
    public func add(_ key: String, _ value: [UInt8], ttlSeconds: Int) throws -> Bool {
        let ttl = Array(String(max(1, ttlSeconds)).utf8)
        let reply = try client.command(bytes: [Array("SET".utf8), storageKey(key), value, Array("EX".utf8), ttl, Array("NX".utf8)])
        if case .null = reply { return false }
        return true
    }

    /// Deletes the keys and ignores those that are missing.
    public func delete(_ keys: [String]) throws {
        guard !keys.isEmpty else { return }
        try client.command(bytes: [Array("DEL".utf8)] + keys.map(storageKey))
    }

    private func storageKey(_ key: String) -> [UInt8] {
        Array((prefix + key).utf8)
    }
}
