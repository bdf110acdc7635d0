import CommonKernel
import FoundationEssentials

/// The rate limits of `GET /api/v1/orders/lookup`. The route returns a whole order, addresses
/// and phone included, for a matching number and e-mail. Order numbers are small consecutive
/// integers, so without a limit a caller with a customer's e-mail could try every number.
///
/// Each lookup counts once against the shop and the e-mail, and once against the shop and the
/// client address when the request carries one. Both counters reset every `windowSeconds`.
struct OrderLookupLimits {
    let limiter: any RateLimiter

    /// Lookups allowed per shop and e-mail (trimmed, lowercased) in one window.
    static let lookupsPerEmail = 10
    /// Lookups allowed per shop and client address in one window. It is looser than the e-mail
    /// limit because customers behind one shared address (an office or a mobile carrier's NAT)
    /// look up their own, different orders.
    static let lookupsPerClientAddress = 30
    static let windowSeconds = 60

    /// Counts one lookup of `email` in `tenant`'s shop. Throws `tooManyRequests` with code
    /// `rate_limit.exceeded` and a `retry_after` when either limit is exceeded.
    func recordLookup(email: String, request: HTTPRequest, tenant: TenantRecord) throws {
        let shop = tenant.id.lowercasedString
        if let address = Self.clientAddress(request) {
            try limiter.recordAttempt(
                key: "order-lookup:\(shop):address:\(address)", limit: Self.lookupsPerClientAddress,
                windowSeconds: Self.windowSeconds)
        }
        let normalized = email.trimmingWhitespaceAndNewlines().lowercased()
        try limiter.recordAttempt(
            key: "order-lookup:\(shop):email:\(normalized)", limit: Self.lookupsPerEmail,
            windowSeconds: Self.windowSeconds)
    }

    /// Returns the client address that Caddy put in `X-Forwarded-For`, or nil without a usable one.
    ///
    /// Caddy 2.5 and later discards a client's own `X-Forwarded-For` and sends the address of the
    /// connection it accepted, unless `trusted_proxies` lists that peer, which neither Caddyfile
    /// of this repository does. The last entry is the one Caddy wrote in either case.
    // NOTE: a request sent to order-svc's own port, not through Caddy, can set any address; the
    // per-e-mail limit still applies to it.
    static func clientAddress(_ request: HTTPRequest) -> String? {
        guard let header = request.headers["X-Forwarded-For"] else { return nil }
        let last = header.split(separator: ",").last?.trimmingWhitespace() ?? ""
        guard (2...45).contains(last.count), last.unicodeScalars.allSatisfy(isAddressCharacter) else { return nil }
        return last.lowercased()
    }

    private static func isAddressCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == ":" || scalar.properties.isASCIIHexDigit
    }
}
