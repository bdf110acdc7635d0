import CommonKernel
import FoundationEssentials
import OrderCore

/// Reading orders.
///
/// - `GET /api/v1/orders/{id}`: staff of the shop; a signed-in customer for their own orders;
///   or anyone with the order's status token in `?token=` or `X-Order-Token`.
/// - `GET /api/v1/orders`: staff only, newest first, filtered by `status`, `created_from` and
///   `created_to` (days `YYYY-MM-DD` in the shop's time zone, both included) and `email`, with
///   `limit` (1 to 100, default 25) and the `cursor` of the previous page's `next_cursor`.
/// - `GET /api/v1/orders/lookup?number=&email=`: a customer's order by its number and email,
///   limited by `OrderLookupLimits`. A wrong pair gets the same 404 as an unknown order.
struct OrderReadRoutes {
    let store: any OrderStore
    let lookupLimits: OrderLookupLimits
    let timeZones: any TimeZoneDirectory

    func install(into router: inout Router) {
        router.get("/api/v1/orders/{id}") { request, context in
            .jsonValue(OrderJSON.detail(try read(request, context)))
        }
        router.get("/api/v1/orders") { request, context in
            let tenant = try context.tenant()
            _ = try OrderAccess.requireStaff(context, tenant: tenant)
            let filter = try OrderListQuery.filter(request.query)
            let page = try OrderListQuery.renamingFields {
                try ListOrders(store: store, timeZones: timeZones).execute(filter, tenant: tenant)
            }
            return .jsonValue(OrderJSON.page(page, tenantID: tenant.id))
        }
        router.get("/api/v1/orders/lookup") { request, context in
            let tenant = try context.tenant()
            let (number, email) = try Self.lookupFields(request.query)
            try lookupLimits.recordLookup(email: email, request: request, tenant: tenant)
            let order = try FindCustomerOrder(store: store).execute(
                .numberAndEmail(number: number, email: email), tenant: tenant)
            return .jsonValue(OrderJSON.detail(order))
        }
    }

    private func read(_ request: HTTPRequest, _ context: RequestContext) throws -> Order {
        let tenant = try context.tenant()
        let id = try OrderAccess.id(request, "id", notFound: "order.not_found", what: "Order")
        let token = request.query["token"] ?? request.headers["X-Order-Token"] ?? ""
        if let principal = try context.principal() {
            if OrderAccess.staffRoles.contains(principal.role) {
                _ = try OrderAccess.requireStaff(context, tenant: tenant)
                return try GetOrder(store: store).execute(orderID: id, tenant: tenant)
            }
            let order = try GetOrder(store: store).execute(orderID: id, tenant: tenant)
            if order.customerID == principal.userID { return order }
            // Another customer's order looks missing, so that its existence stays hidden.
            if token.isEmpty { throw OrderError.orderNotFound() }
        }
        guard !token.isEmpty else {
            throw AppError(
                .unauthorized, code: "order.token_missing",
                detail: "Reading an order needs a staff token or the order's token in ?token= or X-Order-Token.")
        }
        // The order link may carry the whole status token or only its secret after the id.
        let statusToken = token.utf8.contains(UInt8(ascii: ".")) ? token : "\(id.lowercasedString).\(token)"
        let order = try FindCustomerOrder(store: store).execute(.statusToken(statusToken), tenant: tenant)
        guard order.id == id else { throw OrderError.orderNotFound() }
        return order
    }

    private static func lookupFields(_ query: [String: String]) throws -> (Int, String) {
        var errors: [FieldError] = []
        let text = query["number"]?.trimmingWhitespace() ?? ""
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        var number = Int(digits)
        if number == nil, !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // Too large for Int, so no order has it. Int.max gets the same 404 as any unknown number.
            number = Int.max
        }
        if number == nil {
            errors.append(FieldError(field: "number", message: "must be an order number such as 1001", code: "invalid"))
        }
        let email = query["email"] ?? ""
        if email.isEmpty {
            errors.append(FieldError(field: "email", message: "is required", code: "missing"))
        } else if email.count > 254 {
            // Also keeps the rate limiter's key for the e-mail short.
            errors.append(FieldError(field: "email", message: "must be at most 254 characters", code: "too_long"))
        }
        guard errors.isEmpty, let number else { throw AppError.invalid(errors) }
        return (number, email)
    }
}
