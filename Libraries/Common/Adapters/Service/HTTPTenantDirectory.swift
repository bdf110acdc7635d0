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
        try fetch("id", id.lowercasedString)
    }

    /// Throws `tenant.lookup_failed` (503) when tenant-svc cannot be reached or replies with an
    /// error status. Its detail names neither tenant-svc's address nor the transport's error, which the
    /// client has logged already, because the caller may be any shop's visitor.
    private func fetch(_ parameter: String, _ value: String) throws -> TenantRecord? {
        let encoded = value.percentEncodedQueryValue
        let response: HTTPClientResponse
        do {
            response = try client.send(method: .get, url: "\(baseURL)/internal/tenants/resolve?\(parameter)=\(encoded)")
        } catch let error as AppError where error.code == "upstream.unreachable" {
            throw AppError(.unavailable, code: "tenant.lookup_failed",
                           detail: "The tenant service could not be reached to resolve the shop; retry shortly.")
        }
        switch response.status {
        case 200: return try JSONCoding.decoder.decode(TenantRecord.self, from: Data(response.body))
        case 404: return nil
        default:
            throw AppError(.unavailable, code: "tenant.lookup_failed",
                           detail: "The tenant service could not resolve the shop (status \(response.status)); retry shortly.")
        }
    }
}
