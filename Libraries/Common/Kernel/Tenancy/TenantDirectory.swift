import FoundationEssentials

/// Looks tenants up by the names a request can carry.
///
/// Implementations must return suspended tenants too: the resolver decides what
/// a suspended tenant may see.
public protocol TenantDirectory: Sendable {
    /// The tenant that owns `domain` as a verified, active custom domain.
    func tenant(customDomain domain: String) throws -> TenantRecord?
    /// The tenant whose subdomain label is `subdomain`.
    func tenant(subdomain: String) throws -> TenantRecord?
    func tenant(id: UUID) throws -> TenantRecord?
}

/// A key-value cache with expiry, shared between instances (Redis in production).
public protocol KeyValueCache: Sendable {
    func get(_ key: String) throws -> [UInt8]?
    func set(_ key: String, _ value: [UInt8], ttlSeconds: Int) throws
    /// Stores the value only when the key is absent; returns whether it was stored.
    func add(_ key: String, _ value: [UInt8], ttlSeconds: Int) throws -> Bool
    func delete(_ keys: [String]) throws
}
