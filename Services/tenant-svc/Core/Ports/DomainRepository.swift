import FoundationEssentials

/// Stores custom domains; every call but `activeTenantID` is scoped to one tenant.
public protocol DomainRepository: Sendable {
    /// Throws `conflict` with code `domain.already_added` when the tenant already has the host name.
    func create(_ domain: CustomDomain) throws
    func list(tenantID: UUID) throws -> [CustomDomain]
    func find(tenantID: UUID, id: UUID) throws -> CustomDomain?
    /// Marks the domain active. Throws `conflict` with code `domain.taken` when another tenant's
    /// domain with the same host name is already active.
    func activate(tenantID: UUID, id: UUID, at date: Date) throws -> CustomDomain
    /// The tenant owning `hostname` as an active domain, across all tenants.
    func activeTenantID(hostname: String) throws -> UUID?
    /// The host names of the tenant's active domains, used to drop cached resolutions.
    func activeHostnames(tenantID: UUID) throws -> [String]
}

/// Reads DNS TXT records; production asks the system resolver, tests a fake.
public protocol DNSResolver: Sendable {
    /// The TXT strings at `name`; an empty list when the name has none or does not exist.
    /// Throws `unavailable` when the resolver cannot be reached.
    func txtRecords(_ name: String) throws -> [String]
}

/// Tells every service that a tenant changed, so that they drop cached resolutions of it.
public protocol TenantChangeNotifier: Sendable {
    /// Never throws: a failed notification is logged, and caches heal when their entries expire.
    func tenantChanged(id: UUID, subdomain: String, hostnames: [String])
}
