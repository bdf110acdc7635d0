import CommonKernel
import FoundationEssentials
import OrderCore

/// `POST /api/v1/checkout`: turns a cart into an order exactly once per `Idempotency-Key`.
///
/// The body is `{cart_id, email, shipping_address, billing_address, shipping_method,
/// discount_code}`, the cart's credential goes in `X-Cart-Token` (or a customer token), and the
/// header `Idempotency-Key` is required. The answer is 201 `{order: {id, number, status, totals,
/// token}}`, the same for a repeated key and body, which also carries `Idempotent-Replayed: true`.
/// A different body under a used key gets 409 `idempotency.key_reused`. Too little stock gets
/// 409 `out_of_stock` whose `variants` name each short variant with `requested` and `available`.
struct CheckoutRoutes {
    let placeOrder: PlaceOrder

    func install(into router: inout Router) {
        router.post("/api/v1/checkout") { request, context in
            let tenant = try context.tenant()
            let checkout = try CheckoutRequest(json: request.body)
            let result = try placeOrder.execute(
                checkout, idempotencyKey: request.headers["Idempotency-Key"],
                access: try OrderAccess.cart(request, context), tenant: tenant)
            var response = HTTPResponse.jsonValue(OrderJSON.placed(result.order), status: 201)
            if result.replayed { response.headers["Idempotent-Replayed"] = "true" }
            return response
        }
    }
}
