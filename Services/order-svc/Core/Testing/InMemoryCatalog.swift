import CommonKernel
import FoundationEssentials
import Synchronization

/// A catalog kept in memory, serving as both `CatalogGateway` and `StockGateway` with the
/// reservation rules of catalog-svc, for tests and local runs.
public final class InMemoryCatalog: CatalogGateway, StockGateway {
    /// The stage of a reservation.
    public enum ReservationState: String, Sendable {
        case reserved, released, committed
    }

    struct Reservation: Sendable {
        var lines: [StockLine]
        var state: ReservationState
    }

    struct Key: Hashable, Sendable {
        var tenantID: UUID
        var id: UUID
    }

    struct State: Sendable {
        var variants: [Key: VariantSnapshot] = [:]
        var reservations: [Key: Reservation] = [:]
    }

    let state = Mutex(State())
    public let faults: FaultPlan

    public init(faults: FaultPlan = FaultPlan()) {
        self.faults = faults
    }

    /// Adds or replaces a variant of the tenant.
    public func put(_ snapshot: VariantSnapshot, tenantID: UUID) {
        state.withLock { $0.variants[Key(tenantID: tenantID, id: snapshot.variantID)] = snapshot }
    }

    /// Removes a variant, as deleting its product would.
    public func remove(variantID: UUID, tenantID: UUID) {
        _ = state.withLock { $0.variants.removeValue(forKey: Key(tenantID: tenantID, id: variantID)) }
    }

    /// Changes the price of a variant.
    public func setPrice(_ price: Money, variantID: UUID, tenantID: UUID) {
        state.withLock { $0.variants[Key(tenantID: tenantID, id: variantID)]?.price = price }
    }

    /// Returns the available units of a variant, or nil for an unknown one.
    public func available(variantID: UUID, tenantID: UUID) -> Int? {
        state.withLock { $0.variants[Key(tenantID: tenantID, id: variantID)]?.availableQuantity }
    }

    /// Returns the stage of the order's reservation, or nil when it has none.
    public func reservationState(orderID: UUID, tenantID: UUID) -> ReservationState? {
        state.withLock { $0.reservations[Key(tenantID: tenantID, id: orderID)]?.state }
    }

    /// Returns the number of reservations of the tenant in `state`.
    public func reservationCount(_ reservationState: ReservationState, tenantID: UUID) -> Int {
        state.withLock { state in
            state.reservations.filter { $0.key.tenantID == tenantID && $0.value.state == reservationState }.count
        }
    }

    public func variants(_ ids: [UUID], tenant: TenantRecord) throws -> [VariantSnapshot] {
        try faults.check(.readVariants)
        return state.withLock { state in ids.compactMap { state.variants[Key(tenantID: tenant.id, id: $0)] } }
    }
}
