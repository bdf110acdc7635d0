import CommonKernel
import FoundationEssentials
import OrderCore

/// The access rules of order-svc's API. Staff manage orders and settings. A cart belongs to a
/// guest token or a signed-in customer, and a placed order is readable with its status token.
enum OrderAccess {
    static let staffRoles: Set<Role> = [.owner, .staff, .platformAdmin]

    /// Returns the staff member acting on `tenant`. Throws `unauthorized` without a token and
    /// `forbidden` for a customer or for staff of another shop.
    static func requireStaff(_ context: RequestContext, tenant: TenantRecord) throws -> Principal {
        try context.requireRole(staffRoles, in: tenant)
    }

    /// Returns the credential a request presents for a cart: the `X-Cart-Token` header, else a
    /// customer's token. Throws `unauthorized` with code `cart.token_missing` when the request
    /// has neither. A wrong token is not checked here: it matches no cart, so the cart is not
    /// found, and a caller cannot tell a wrong token from a missing cart.
    static func cart(_ request: HTTPRequest, _ context: RequestContext) throws -> CartAccess {
        if let token = request.headers["X-Cart-Token"], !token.isEmpty { return .guestToken(token) }
        if let principal = try context.principal(), principal.role == .customer { return .customer(principal.userID) }
        throw AppError(
            .unauthorized, code: "cart.token_missing",
            detail: "Send the cart's token, returned when the cart was created, in the X-Cart-Token header, or sign in as the customer who owns the cart.")
    }

    /// Returns the signed-in customer's id, or nil for guests and staff.
    static func customerID(_ context: RequestContext) throws -> UUID? {
        guard let principal = try context.principal(), principal.role == .customer else { return nil }
        return principal.userID
    }

    /// Returns the path's `{name}` as a UUID; throws `notFound` with `code` for anything else.
    static func id(_ request: HTTPRequest, _ name: String, notFound code: String, what: String) throws -> UUID {
        guard let id = UUID(uuidString: try request.parameter(name)) else { throw AppError.notFound(what, code: code) }
        return id
    }
}

extension HTTPResponse {
    /// Makes a JSON response whose body is the serialized `value`.
    static func jsonValue(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: Array(value.serialized().utf8))
    }
}
