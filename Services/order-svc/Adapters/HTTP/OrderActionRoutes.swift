import CommonKernel
import FoundationEssentials
import OrderCore

/// Staff actions on an order. Each returns the order as stored afterwards.
///
/// - `POST /api/v1/orders/{id}/fulfil` `{tracking_number, carrier}`: a paid order is handed over.
/// - `POST /api/v1/orders/{id}/cancel` with an optional `{reason}`: stock still reserved goes
///   back to the catalog, and an unpaid order gives its discount use back.
/// - `POST /api/v1/orders/{id}/notes` `{note}`: a note in the order's history.
struct OrderActionRoutes {
    let store: any OrderStore
    let stock: any StockGateway
    let logger: Logger

    func install(into router: inout Router) {
        router.post("/api/v1/orders/{id}/fulfil") { request, context in
            try act(request, context) { orderID, actor, tenant in
                var body = try JSONBody(bytes: request.body)
                let tracking = body.nonEmptyString("tracking_number", required: true, maxLength: 1_000)
                let carrier = body.nonEmptyString("carrier", required: true, maxLength: 1_000)
                try body.finish()
                return try FulfilOrder(store: store, stock: stock, logger: logger).execute(
                    orderID: orderID, trackingNumber: tracking!, carrier: carrier!, actor: actor, tenant: tenant)
            }
        }
        router.post("/api/v1/orders/{id}/cancel") { request, context in
            try act(request, context) { orderID, actor, tenant in
                var reason: String?
                if !request.body.isEmpty {
                    var body = try JSONBody(bytes: request.body)
                    reason = body.string("reason", maxLength: 10_000)
                    try body.finish()
                }
                return try CancelOrder(store: store, stock: stock, logger: logger).execute(
                    orderID: orderID, reason: reason, actor: actor, tenant: tenant)
            }
        }
        router.post("/api/v1/orders/{id}/notes") { request, context in
            try act(request, context) { orderID, actor, tenant in
                var body = try JSONBody(bytes: request.body)
                let note = body.string("note", required: true, maxLength: 10_000)
                try body.finish()
                return try AddOrderNote(store: store, stock: stock, logger: logger).execute(
                    orderID: orderID, note: note!, actor: actor, tenant: tenant)
            }
        }
    }

    /// Checks the staff token and the order id, then runs `action` as that staff member.
    private func act(
        _ request: HTTPRequest, _ context: RequestContext, _ action: (UUID, OrderActor, TenantRecord) throws -> Order
    ) throws -> HTTPResponse {
        let tenant = try context.tenant()
        let principal = try OrderAccess.requireStaff(context, tenant: tenant)
        let orderID = try OrderAccess.id(request, "id", notFound: "order.not_found", what: "Order")
        return .jsonValue(OrderJSON.detail(try action(orderID, .user(principal.userID), tenant)))
    }
}
