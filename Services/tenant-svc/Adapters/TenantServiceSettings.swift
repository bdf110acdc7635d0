import CommonAdapters
import CommonKernel
import FoundationEssentials

/// tenant-svc's own settings, beyond those every service reads.
struct TenantServiceSettings {
    var platformAdminEmail: String
    var platformAdminPassword: String?
    /// `system`, or `file:PATH` for a JSON file of TXT records.
    var dnsResolver: String
    /// Services whose `/health` `GET /api/health` combines, tenant-svc first.
    var healthServices: [(name: String, url: String)]

    static let help = """
        tenant-svc environment:
          PLATFORM_ADMIN_EMAIL     e-mail of the first platform admin (default admin@example.com)
          PLATFORM_ADMIN_PASSWORD  its password; generated and printed once when unset
          DNS_RESOLVER             system, or file:PATH for a JSON file {"name": ["txt", ...]} (default system)
          HEALTH_SERVICE_URLS      comma list of name=url whose /health GET /api/health combines
        """

    init(_ configuration: ServiceConfiguration) throws {
        var reader = EnvironmentReader(configuration.environment)
        platformAdminEmail = reader.string("PLATFORM_ADMIN_EMAIL", default: "admin@example.com")
        platformAdminPassword = reader.optionalString("PLATFORM_ADMIN_PASSWORD")
        if let password = platformAdminPassword, password.count < 12 {
            reader.reject("PLATFORM_ADMIN_PASSWORD is too short: use at least 12 characters.")
        }
        dnsResolver = reader.string("DNS_RESOLVER", default: "system")
        if dnsResolver != "system", !dnsResolver.hasPrefix("file:") {
            reader.reject("DNS_RESOLVER=\(dnsResolver) is invalid: expected system or file:PATH.")
        }
        healthServices = [("tenant-svc", "http://127.0.0.1:\(configuration.port)")]
        for entry in reader.string("HEALTH_SERVICE_URLS", default: "").split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            if parts.count == 2, parts[1].hasPrefix("http") {
                healthServices.append((parts[0], parts[1]))
            } else {
                reader.reject("HEALTH_SERVICE_URLS entry '\(entry)' is invalid: expected name=http://host:port.")
            }
        }
        try reader.validate()
    }
}
