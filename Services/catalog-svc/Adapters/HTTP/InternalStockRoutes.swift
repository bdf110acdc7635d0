import CatalogCore
import CommonKernel
import FoundationEssentials

/// The stock API for order-svc, under `/internal/`, which Caddy never forwards.
///
/// Callers send the shop's id in `X-Tenant-ID` and a platform token whose role is
/// `platform_admin`, signed with HS256 and the shared `JWT_SECRET`. The tenant resolver accepts
/// `X-Tenant-ID` only together with such a credential.
///
/// - `POST /internal/stock/reservations` `{order_id, lines: [{variant_id, quantity}]}`: 201 with
///   the new reservation, 200 with the existing one when the order repeats the same lines (201
///   again when the repeat comes within the millisecond that made it), 409
///   `inventory.out_of_stock` with `variants` listing each short line.
/// - `POST /internal/stock/reservations/{order_id}/release` and `.../commit`: 200.
/// - `GET /internal/stock/reservations/{order_id}`: the reservation.
struct InternalStockRoutes {
    let inventory: any InventoryRepository

    func install(into router: inout Router) {
        router.post("/internal/stock/reservations") { request, context in
            let tenant = try Self.tenant(request, context)
            let reservationRequest = try Self.readRequest(request.body)
            // A reservation made by this call carries this call's time, and an earlier one an
            // earlier time, which saves reading the reservation before making it.
            let now = catalogClock()
            do {
                let reservation = try ReserveStock(inventory: inventory, clock: { now })
                    .execute(reservationRequest, tenant: tenant)
                let created = reservation.createdAt == now.truncatedToMilliseconds
                return .jsonBytes(ReservationBody.bytes(reservation), status: created ? 201 : 200)
            } catch let error as AppError where error.code == "inventory.insufficient_stock" {
                throw outOfStock(reservationRequest, tenant: tenant, firstShort: error)
            }
        }
        router.post("/internal/stock/reservations/{order_id}/release") { request, context in
            let tenant = try Self.tenant(request, context)
            let reservation = try ReleaseReservation(inventory: inventory).execute(
                orderID: try Self.orderID(request), tenant: tenant)
            return .jsonBytes(ReservationBody.bytes(reservation))
        }
        router.post("/internal/stock/reservations/{order_id}/commit") { request, context in
            let tenant = try Self.tenant(request, context)
            let reservation = try CommitReservation(inventory: inventory).execute(
                orderID: try Self.orderID(request), tenant: tenant)
            return .jsonBytes(ReservationBody.bytes(reservation))
        }
        router.get("/internal/stock/reservations/{order_id}") { request, context in
            let tenant = try Self.tenant(request, context)
            let orderID = try Self.orderID(request)
            guard let reservation = try inventory.reservation(orderID: orderID, tenantID: tenant.id) else {
                throw CatalogError.reservationNotFound(orderID: orderID.lowercasedString)
            }
            return .jsonBytes(ReservationBody.bytes(reservation))
        }
    }

    /// Returns the tenant of `X-Tenant-ID` for a platform token; without both, the request
    /// addresses no shop and is rejected.
    static func tenant(_ request: HTTPRequest, _ context: RequestContext) throws -> TenantRecord {
        _ = try context.requirePlatformAdmin()
        guard request.headers["X-Tenant-ID"] != nil else {
            throw AppError.invalidField("X-Tenant-ID", "is required: send the shop's id in this header", code: "missing")
        }
        return try context.tenant()
    }

    private static func orderID(_ request: HTTPRequest) throws -> UUID {
        try request.uuidParameter("order_id", resource: "Reservation")
    }

    private static func readRequest(_ body: [UInt8]) throws -> ReservationRequest {
        var json = try JSONBody.limited(body)
        let orderID = json.uuid("order_id", required: true)
        var lines: [ReservationLine] = []
        for var element in ProductInput.objects(&json, key: "lines") {
            let variantID = element.uuid("variant_id", required: true)
            let quantity = element.int("quantity", required: true, range: 1...ReservationRequest.maximumLineQuantity)
            json.merge(element)
            if let variantID, let quantity { lines.append(ReservationLine(variantID: variantID, quantity: quantity)) }
        }
        if !json.contains("lines") { _ = json.value("lines", required: true) }
        try json.finish()
        return ReservationRequest(orderID: orderID!, lines: lines)
    }

    /// Builds the 409 that lists every `deny` line short of stock, read after the failed attempt.
    /// When stock changed in between so that no line looks short, it lists the line that failed.
    private func outOfStock(_ request: ReservationRequest, tenant: TenantRecord, firstShort: AppError) -> AppError {
        var short: [JSONValue] = []
        for line in request.normalizedLines {
            guard let level = try? inventory.level(variantID: line.variantID, tenantID: tenant.id),
                level.tracksInventory, level.inventoryPolicy == .deny, level.available < line.quantity
            else { continue }
            short.append(.object([
                "variant_id": .string(line.variantID.lowercasedString), "sku": .string(level.sku),
                "requested": .number(Double(line.quantity)), "available": .number(Double(level.available)),
            ]))
        }
        if short.isEmpty { short = [.object(firstShort.extensions)] }
        return AppError(
            .conflict, code: "inventory.out_of_stock",
            detail: "Not enough stock for \(short.count) of the order's lines, so nothing was reserved.",
            extensions: ["variants": .array(short)])
    }
}

/// A reservation as the internal API shows it, written without Foundation's JSON encoder
/// because every checkout waits for it.
enum ReservationBody {
    /// Returns `{order_id, state, lines: [{variant_id, quantity}], created_at, updated_at}`
    /// with RFC 3339 times.
    static func bytes(_ reservation: Reservation) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + 80 * reservation.lines.count)
        writer.object { json in
            json.member("order_id", reservation.orderID.lowercasedString)
            json.member("state", reservation.state.rawValue)
            json.key("lines")
            json.array(reservation.lines) { json, line in
                json.object { json in
                    json.member("variant_id", line.variantID.lowercasedString)
                    json.member("quantity", line.quantity)
                }
            }
            json.member("created_at", RFC3339.string(from: reservation.createdAt))
            json.member("updated_at", RFC3339.string(from: reservation.updatedAt))
        }
        return writer.bytes
    }
}
