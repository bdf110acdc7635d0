import CommonKernel
import FoundationEssentials

/// Holds stock for an order: every line or none.
public struct ReserveStock: Sendable {
    let inventory: any InventoryRepository
    let clock: @Sendable () -> Date

    public init(inventory: any InventoryRepository, clock: @escaping @Sendable () -> Date = catalogClock) {
        self.inventory = inventory
        self.clock = clock
    }

    /// Reserves the lines and records `inventory.reserved`; a repeated call for the same order
    /// and lines returns the first reservation. Throws what `InventoryRepository.reserve` throws,
    /// and `invalidInput` for an empty request or a quantity outside 1 to 1,000,000.
    public func execute(_ request: ReservationRequest, tenant: TenantRecord) throws -> Reservation {
        try request.validate()
        let now = clock()
        let event = CatalogEvent.inventory(
            "reserved", orderID: request.orderID, lines: request.normalizedLines, tenantID: tenant.id, at: now)
        return try inventory.reserve(request, tenantID: tenant.id, at: now, event: event)
    }
}

/// Gives an order's reserved stock back, as when the order is cancelled or its checkout expires.
public struct ReleaseReservation: Sendable {
    let inventory: any InventoryRepository
    let clock: @Sendable () -> Date

    public init(inventory: any InventoryRepository, clock: @escaping @Sendable () -> Date = catalogClock) {
        self.inventory = inventory
        self.clock = clock
    }

    /// Releases the reservation and records `inventory.released`; repeating it changes nothing.
    public func execute(orderID: UUID, tenant: TenantRecord) throws -> Reservation {
        let lines = try inventory.reservation(orderID: orderID, tenantID: tenant.id)?.lines ?? []
        let now = clock()
        let event = CatalogEvent.inventory("released", orderID: orderID, lines: lines, tenantID: tenant.id, at: now)
        return try inventory.release(orderID: orderID, tenantID: tenant.id, at: now, event: event)
    }
}

/// Makes an order's reservation final once the order is paid.
public struct CommitReservation: Sendable {
    let inventory: any InventoryRepository
    let clock: @Sendable () -> Date

    public init(inventory: any InventoryRepository, clock: @escaping @Sendable () -> Date = catalogClock) {
        self.inventory = inventory
        self.clock = clock
    }

    /// Commits the reservation and records `inventory.committed`; repeating it changes nothing.
    public func execute(orderID: UUID, tenant: TenantRecord) throws -> Reservation {
        let lines = try inventory.reservation(orderID: orderID, tenantID: tenant.id)?.lines ?? []
        let now = clock()
        let event = CatalogEvent.inventory("committed", orderID: orderID, lines: lines, tenantID: tenant.id, at: now)
        return try inventory.commit(orderID: orderID, tenantID: tenant.id, at: now, event: event)
    }
}

extension CatalogEvent {
    static func inventory(
        _ type: String, orderID: UUID, lines: [ReservationLine], tenantID: UUID, at time: Date
    ) -> CatalogEvent {
        let lineValues: [JSONValue] = lines.map { line in
            .object([
                "variant_id": .string(line.variantID.lowercasedString),
                "quantity": .number(Double(line.quantity)),
            ])
        }
        return CatalogEvent(
            type: "inventory.\(type)", tenantID: tenantID, occurredAt: time,
            data: .object(["order_id": .string(orderID.lowercasedString), "lines": .array(lineValues)]))
    }
}
