import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore
import Synchronization

/// The `StockGateway` over catalog-svc's reservation API under `/internal/stock/reservations`.
///
/// Every call is idempotent per order id on the catalog's side, so the client's retries after a
/// transport failure cannot reserve or release twice.
public final class HTTPStockGateway: StockGateway {
    let client: CatalogServiceClient
    /// Receives the order and tenant ids of a release that found no reservation. A reservation
    /// request of that order may still be on its way; see `release`.
    let onReleaseWithoutReservation: @Sendable (UUID, UUID) -> Void
    /// The orders whose reservation request ended without a response in this process.
    private let uncertain = Mutex<Set<UUID>>([])

    public init(client: CatalogServiceClient, onReleaseWithoutReservation: @escaping @Sendable (UUID, UUID) -> Void) {
        self.client = client
        self.onReleaseWithoutReservation = onReleaseWithoutReservation
    }

    public func reserve(orderID: UUID, lines: [StockLine], tenant: TenantRecord) throws {
        let body = JSONValue.object([
            "order_id": .string(orderID.lowercasedString),
            "lines": .array(
                lines.map { line in
                    .object([
                        "variant_id": .string(line.variantID.lowercasedString),
                        "quantity": .number(Double(line.quantity)),
                    ])
                }),
        ])
        let path = "/internal/stock/reservations"
        let response: HTTPClientResponse
        do {
            response = try client.send(.post, path, tenantID: tenant.id, body: Array(body.serialized().utf8))
        } catch {
            _ = uncertain.withLock { $0.insert(orderID) }
            throw error
        }
        // A success carries nothing that the checkout reads, so only a failure's body is parsed.
        if response.status == 200 || response.status == 201 { return }
        switch (response.status, CatalogProblem(response).code) {
        case (409, "inventory.out_of_stock"):
            throw OrderError.outOfStock(Self.shortages(CatalogProblem(response), lines: lines))
        case (409, "inventory.reservation_released"):
            throw AppError(
                .conflict, code: "stock.reservation_released",
                detail: "The order's stock reservation was released and cannot be reserved again.")
        case (409, "inventory.reservation_mismatch"):
            throw AppError(
                .conflict, code: "stock.reservation_mismatch",
                detail: "The order already holds a reservation with different lines.")
        case (404, "variant.not_found"):
            throw AppError(
                .conflict, code: "cart.variants_unavailable",
                detail: "An item in the cart is no longer sold. Remove it and retry.")
        default:
            throw client.unexpected(response, path: path)
        }
    }

    /// Releases the reservation. When the catalog has none but the order's reservation request
    /// got no response, that request may still reach the catalog later, so the release is
    /// reported to `onReleaseWithoutReservation`, which arranges to release the order again.
    ///
    /// NOTE: only reservation requests of this process are known. After a restart, the
    /// recovery of stopped checkouts releases their orders 5 minutes late, when a request still
    /// on its way has long arrived.
    public func release(orderID: UUID, tenant: TenantRecord) throws {
        let path = "/internal/stock/reservations/\(orderID.lowercasedString)/release"
        let response = try client.send(.post, path, tenantID: tenant.id)
        let wasUncertain = uncertain.withLock { $0.remove(orderID) != nil }
        switch (response.status, CatalogProblem(response).code) {
        case (200, _):
            return
        case (404, "inventory.reservation_not_found"):
            if wasUncertain { onReleaseWithoutReservation(orderID, tenant.id) }
        case (409, "inventory.reservation_committed"):
            throw AppError(
                .conflict, code: "stock.reservation_committed",
                detail: "The order's stock reservation is committed and cannot be released.")
        default:
            throw client.unexpected(response, path: path)
        }
    }

    public func commit(orderID: UUID, tenant: TenantRecord) throws {
        let path = "/internal/stock/reservations/\(orderID.lowercasedString)/commit"
        let response = try client.send(.post, path, tenantID: tenant.id)
        switch (response.status, CatalogProblem(response).code) {
        case (200, _):
            return
        case (404, "inventory.reservation_not_found"):
            throw AppError.notFound("The stock reservation of the order", code: "stock.reservation_not_found")
        case (409, "inventory.reservation_released"):
            throw AppError(
                .conflict, code: "stock.reservation_released",
                detail: "The order's stock reservation was released and cannot be committed.")
        default:
            throw client.unexpected(response, path: path)
        }
    }

    /// Reads the catalog's `variants` list of short lines. A line that the list does not name is left out.
    static func shortages(_ problem: CatalogProblem, lines: [StockLine]) -> [StockShortage] {
        guard case .array(let entries)? = problem.members["variants"] else { return [] }
        return entries.compactMap { entry in
            guard case .object(let members) = entry, case .string(let text)? = members["variant_id"],
                let variantID = UUID(uuidString: text)
            else {
                return nil
            }
            let requested = lines.filter { $0.variantID == variantID }.reduce(0) { $0 + $1.quantity }
            var available = 0
            if case .number(let count)? = members["available"] { available = max(Int(count), 0) }
            return StockShortage(variantID: variantID, requested: requested, available: available)
        }
    }
}
