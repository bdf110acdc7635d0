import CommonKernel
import FoundationEssentials
import OrderCore

/// `/api/v1/carts`: a guest or a signed-in customer makes a cart and changes its lines.
///
/// - `POST /api/v1/carts` → 201 `{id, token}`. The token is returned only here, and every
///   later request for a guest cart sends it in `X-Cart-Token`.
/// - `GET /api/v1/carts/{id}` → the cart with its lines and subtotal.
/// - `POST /api/v1/carts/{id}/lines` `{variant_id, quantity}` adds units, merging with the line
///   of the same variant. `PATCH .../lines/{line_id}` `{quantity}` sets the quantity and
///   `DELETE .../lines/{line_id}` removes the line. A line's id is its variant's id.
/// - `POST /api/v1/carts/{id}/refresh` accepts the catalog's current prices after checkout
///   reported a change, and returns the cart with the `changes` it applied.
struct CartRoutes {
    let store: any OrderStore
    let catalog: any CatalogGateway

    func install(into router: inout Router) {
        router.post("/api/v1/carts") { _, context in
            let result = try CreateCart(store: store).execute(
                tenant: try context.tenant(), customerID: try OrderAccess.customerID(context))
            return .jsonValue(CartJSON.created(result), status: 201)
        }
        router.get("/api/v1/carts/{id}") { request, context in
            let cart = try GetCart(store: store).execute(
                cartID: try Self.cartID(request), access: try OrderAccess.cart(request, context),
                tenant: try context.tenant())
            return .jsonValue(try CartJSON.cart(cart))
        }
        router.post("/api/v1/carts/{id}/lines") { request, context in
            let line = try CartLineRequest(json: request.body)
            return try change(.add(quantity: line.quantity), variantID: line.variantID, request, context)
        }
        router.patch("/api/v1/carts/{id}/lines/{line_id}") { request, context in
            var body = try JSONBody(bytes: request.body)
            let quantity = body.int("quantity", required: true, range: CartLine.quantityRange)
            try body.finish()
            return try change(.setQuantity(quantity!), variantID: try Self.lineID(request), request, context)
        }
        router.delete("/api/v1/carts/{id}/lines/{line_id}") { request, context in
            try change(.remove, variantID: try Self.lineID(request), request, context)
        }
        router.post("/api/v1/carts/{id}/refresh") { request, context in
            let (cart, applied) = try RefreshCartPrices(store: store, catalog: catalog).execute(
                cartID: try Self.cartID(request), access: try OrderAccess.cart(request, context),
                tenant: try context.tenant())
            guard case .object(var members) = try CartJSON.cart(cart) else { return .noContent() }
            members["changes"] = .array(
                applied.changes.map { change in
                    .object([
                        "variant_id": .string(change.variantID.lowercasedString),
                        "old_price": change.oldPrice.jsonValue, "new_price": change.newPrice.jsonValue,
                    ])
                })
            members["removed_variant_ids"] = .array(applied.unavailable.map { .string($0.lowercasedString) })
            return .jsonValue(.object(members))
        }
    }

    private func change(
        _ change: ChangeCartLine.Change, variantID: UUID, _ request: HTTPRequest, _ context: RequestContext
    ) throws -> HTTPResponse {
        let cart = try ChangeCartLine(store: store, catalog: catalog).execute(
            change, variantID: variantID, cartID: try Self.cartID(request),
            access: try OrderAccess.cart(request, context), tenant: try context.tenant())
        return .jsonValue(try CartJSON.cart(cart))
    }

    private static func cartID(_ request: HTTPRequest) throws -> UUID {
        try OrderAccess.id(request, "id", notFound: "cart.not_found", what: "Cart")
    }

    private static func lineID(_ request: HTTPRequest) throws -> UUID {
        try OrderAccess.id(request, "line_id", notFound: "cart.line_not_found", what: "Cart line")
    }
}
