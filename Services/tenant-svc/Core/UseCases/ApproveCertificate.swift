import CommonKernel
import FoundationEssentials

/// Decides whether the proxy may obtain a TLS certificate for a host name on demand.
///
/// Approved: the platform domain, its admin host, subdomains of existing active tenants and
/// active custom domains of active tenants. Everything else is refused, so that nobody can make
/// the platform request certificates for names it does not serve.
public struct ApproveCertificate: Sendable {
    let tenants: any TenantRepository
    let domains: any DomainRepository
    let platformDomain: String

    public init(tenants: any TenantRepository, domains: any DomainRepository, platformDomain: String) {
        self.tenants = tenants
        self.domains = domains
        self.platformDomain = platformDomain
    }

    public func callAsFunction(domain raw: String) throws -> Bool {
        guard let host = HostName.normalize(raw) else { return false }
        if host == platformDomain || host == "admin.\(platformDomain)" { return true }

        if host.hasSuffix(".\(platformDomain)") {
            let label = String(host.dropLast(platformDomain.count + 1))
            guard !label.utf8.contains(UInt8(ascii: ".")), let tenant = try tenants.find(subdomain: label) else { return false }
            return tenant.status == .active
        }
        guard let tenantID = try domains.activeTenantID(hostname: host),
              let tenant = try tenants.find(id: tenantID) else { return false }
        return tenant.status == .active
    }
}
