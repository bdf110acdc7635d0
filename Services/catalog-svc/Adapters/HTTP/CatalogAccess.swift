import CatalogCore
import CommonKernel
import FoundationEssentials

/// The access rules of the catalog API. Anyone reads active, published products, while the
/// shop's owner and staff (and platform admins) read everything and write.
enum CatalogAccess {
    static let staffRoles: Set<Role> = [.owner, .staff, .platformAdmin]

    /// Returns `.staff` for a staff token of `tenant`, and `.publicReader` without a token or
    /// with a customer's. Throws `unauthorized` for a bad token.
    static func audience(_ context: RequestContext, tenant: TenantRecord) throws -> Audience {
        guard let principal = try context.principal(), staffRoles.contains(principal.role) else { return .publicReader }
        _ = try context.requireRole(staffRoles, in: tenant)
        return .staff
    }

    /// Throws `unauthorized` without a token and `forbidden` unless the caller is staff of `tenant`.
    static func requireStaff(_ context: RequestContext, tenant: TenantRecord) throws {
        _ = try context.requireRole(staffRoles, in: tenant)
    }

    /// Returns whether `audience` may see `product`: staff see every product, the public only
    /// active, published ones.
    static func canSee(_ product: Product, _ audience: Audience) -> Bool {
        audience == .staff || (product.status == .active && product.published)
    }
}

extension HTTPResponse {
    /// Returns a JSON response with bytes that are already encoded.
    static func jsonBytes(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: bytes)
    }

    /// Returns a 201 JSON response with `Location` set, for a created resource.
    static func created(_ bytes: [UInt8], location: String) -> HTTPResponse {
        var response = jsonBytes(bytes, status: 201)
        response.headers["Location"] = location
        return response
    }
}

extension TenantRecord {
    /// Returns the shop's currency, or throws `invalidInput` when the tenant has an unsupported code.
    func catalogCurrency() throws -> Currency {
        try Currency(code: currency)
    }
}

extension JSONBody {
    /// The largest JSON body a catalog route accepts. The server's own limit is higher, because
    /// CSV imports upload whole files.
    static let maximumBytes = 1 << 20

    /// Parses a JSON object body, throwing 413 above `maximumBytes` and what `init(bytes:)` throws.
    static func limited(_ bytes: [UInt8]) throws -> JSONBody {
        guard bytes.count <= maximumBytes else {
            throw AppError(
                .payloadTooLarge, code: "request.body_too_large",
                detail: "The request body exceeds the limit of \(maximumBytes) bytes for JSON requests.",
                extensions: ["limit": .number(Double(maximumBytes))])
        }
        return try JSONBody(bytes: bytes)
    }
}
