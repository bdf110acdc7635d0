import CommonKernel
import FoundationEssentials

/// Adds, lists and verifies a shop's custom domains.
public struct ManageCustomDomains: Sendable {
    let domains: any DomainRepository
    let resolver: any DNSResolver
    let notifier: any TenantChangeNotifier
    let platformDomain: String
    let makeToken: @Sendable () -> String
    let now: @Sendable () -> Date

    public init(domains: any DomainRepository, resolver: any DNSResolver, notifier: any TenantChangeNotifier,
                platformDomain: String, makeToken: @escaping @Sendable () -> String,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.domains = domains
        self.resolver = resolver
        self.notifier = notifier
        self.platformDomain = platformDomain
        self.makeToken = makeToken
        self.now = now
    }

    /// Records `rawHostname` as pending; IDN names are stored in punycode.
    public func add(tenant: TenantRecord, hostname rawHostname: String) throws -> CustomDomain {
        let hostname = try validate(rawHostname)
        if try domains.list(tenantID: tenant.id).contains(where: { $0.hostname == hostname }) {
            throw AppError(.conflict, code: "domain.already_added",
                           detail: "\(hostname) is already one of this shop's domains.",
                           fieldErrors: [FieldError(field: "hostname", message: "is already added", code: "taken")])
        }
        let domain = CustomDomain(
            id: UUID(), tenantID: tenant.id, hostname: hostname, status: .pending,
            verificationToken: makeToken(), createdAt: now(), verifiedAt: nil)
        try domains.create(domain)
        return domain
    }

    public func list(tenant: TenantRecord) throws -> [CustomDomain] {
        try domains.list(tenantID: tenant.id)
    }

    /// Activates the domain when its TXT record carries the token; an active domain stays active.
    public func verify(tenant: TenantRecord, id: UUID) throws -> CustomDomain {
        guard let domain = try domains.find(tenantID: tenant.id, id: id) else {
            throw AppError.notFound("Domain", code: "domain.not_found")
        }
        if domain.status == .active { return domain }

        let records = try resolver.txtRecords(domain.verificationRecordName)
        guard records.contains(where: { $0.trimmingWhitespace() == domain.verificationRecordValue }) else {
            throw AppError(.conflict, code: "domain.verification_failed",
                           detail: "No TXT record \(domain.verificationRecordValue) was found at \(domain.verificationRecordName). Create it, wait for DNS to update, and try again.")
        }
        let active = try domains.activate(tenantID: tenant.id, id: id, at: now())
        notifier.tenantChanged(id: tenant.id, subdomain: tenant.subdomain, hostnames: [active.hostname])
        return active
    }

    private func validate(_ raw: String) throws -> String {
        if raw.utf8.contains(UInt8(ascii: ":")) {
            throw AppError.invalidField("hostname", "must be a domain name without a port or scheme, such as shop.example.com", code: "invalid_format")
        }
        guard let hostname = HostName.normalize(raw), hostname.utf8.contains(UInt8(ascii: ".")) else {
            throw AppError.invalidField("hostname", "must be a domain name such as shop.example.com", code: "invalid_format")
        }
        if hostname.split(separator: ".").allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            throw AppError.invalidField("hostname", "must be a domain name, not an IP address", code: "invalid_format")
        }
        if hostname == platformDomain || hostname.hasSuffix(".\(platformDomain)") {
            throw AppError.invalidField("hostname", "must not be the platform's own domain \(platformDomain); shops get a subdomain of it already", code: "platform_domain")
        }
        return hostname
    }
}
