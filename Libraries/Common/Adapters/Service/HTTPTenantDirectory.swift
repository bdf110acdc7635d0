import CommonKernel
import FoundationEssentials

/// Looks tenants up by asking tenant-svc's internal resolve endpoint; used by every other service
/// behind a `CachingTenantDirectory`, so that warm lookups never reach here.
public struct HTTPTenantDirectory: TenantDirectory {
    let baseURL: String
    let client: any HTTPClient

    public init(baseURL: String, client: any HTTPClient) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
    }

    public func tenant(customDomain domain: String) throws -> TenantRecord? {
        try fetch("domain", domain)
    }

    public func tenant(subdomain: String) throws -> TenantRecord? {
        try fetch("subdomain", subdomain)
    }

    public func tenant(id: UUID) throws -> TenantRecord? {
        try fetch("id", id.uuidString.lowercased())
    }

    private func fetch(_ parameter: String, _ value: String) throws -> TenantRecord? {
        let encoded = value.percentEncodedQueryValue
        let response = try client.send(method: .get, url: "\(baseURL)/internal/tenants/resolve?\(parameter)=\(encoded)")
        switch response.status {
        case 200: return try JSONCoding.decoder.decode(TenantRecord.self, from: Data(response.body))
        case 404: return nil
        default:
            throw AppError(.unavailable, code: "tenant.lookup_failed",
                           detail: "The tenant service could not resolve the shop (status \(response.status)); retry shortly.")
        }
    }
}
