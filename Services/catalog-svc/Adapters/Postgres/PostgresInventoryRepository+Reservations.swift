import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation

extension PostgresInventoryRepository {
    /// Reserves all lines or none in one transaction.
    ///
    /// Two first calls for the same order can both pass the existence check. The loser's insert
    /// then violates the primary key, so the call runs once more and returns the winner's reservation.
    public func reserve(
        _ request: ReservationRequest, tenantID: UUID, at time: Date, event: CatalogEvent
    ) throws -> Reservation {
        guard event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try request.validate()
        do {
            return try reserveOnce(request, tenantID: tenantID, at: time, event: event)
        } catch let error as PostgresError where error.isUniqueViolation && error.constraint == "reservations_pkey" {
            return try reserveOnce(request, tenantID: tenantID, at: time, event: event)
        }
    }

    private func reserveOnce(
        _ request: ReservationRequest, tenantID: UUID, at time: Date, event: CatalogEvent
    ) throws -> Reservation {
        let lines = request.normalizedLines
        let orderText = request.orderID.uuidString.lowercased()
        return try database.withTenantTransaction(tenantID) { connection in
            if let existing = try ReservationRows.find(request.orderID, tenantID: tenantID, lock: true, on: connection) {
                if existing.state == .released {
                    throw CatalogError.reservationState(orderID: orderText, state: .released, action: "reserved again")
                }
                guard existing.lines == lines else { throw CatalogError.reservationMismatch(orderID: orderText) }
                return existing
            }

            // Check every line before changing any, so a failing line leaves all stock untouched.
            let levels = try InventoryRows.levels(
                lines.map(\.variantID), tenantID: tenantID, forUpdate: true, on: connection)
            for line in lines {
                guard let level = levels[line.variantID] else { throw CatalogError.variantNotFound(line.variantID) }
                if level.tracksInventory, level.inventoryPolicy == .deny, level.available < line.quantity {
                    throw CatalogError.insufficientStock(
                        variantID: line.variantID, requested: line.quantity, available: level.available)
                }
            }
            for line in lines where levels[line.variantID]!.tracksInventory {
                try InventoryRows.change(
                    levels[line.variantID]!, by: -line.quantity, reason: "reserved for order \(orderText)",
                    tenantID: tenantID, at: time, on: connection)
            }

            let reservation = Reservation(
                orderID: request.orderID, tenantID: tenantID, lines: lines, state: .reserved,
                createdAt: time.truncatedToMilliseconds, updatedAt: time.truncatedToMilliseconds)
            try ReservationRows.insert(reservation, on: connection)
            try CatalogOutbox.append(event, on: connection)
            return reservation
        }
    }

    public func release(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        try transition(orderID: orderID, tenantID: tenantID, to: .released, at: time, event: event) {
            reservation, connection in
            // Stock goes back even to variants of products deleted since, as the reservation took it.
            let levels = try InventoryRows.levels(
                reservation.lines.map(\.variantID), tenantID: tenantID, includeDeleted: true, forUpdate: true,
                on: connection)
            let reason = "released for order \(orderID.uuidString.lowercased())"
            for line in reservation.lines {
                guard let level = levels[line.variantID], level.tracksInventory else { continue }
                try InventoryRows.change(
                    level, by: line.quantity, reason: reason, tenantID: tenantID, at: time, on: connection)
            }
        }
    }

    public func commit(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        try transition(orderID: orderID, tenantID: tenantID, to: .committed, at: time, event: event) { _, _ in }
    }

    public func reservation(orderID: UUID, tenantID: UUID) throws -> Reservation? {
        try database.withTenantTransaction(tenantID) { connection in
            try ReservationRows.find(orderID, tenantID: tenantID, lock: false, on: connection)
        }
    }

    /// Moves a reserved reservation to `target` and runs `apply` for its stock effect. A
    /// reservation already in `target` is returned unchanged, and one in the other final state
    /// is rejected.
    private func transition(
        orderID: UUID, tenantID: UUID, to target: ReservationState, at time: Date, event: CatalogEvent,
        apply: (Reservation, PostgresConnection) throws -> Void
    ) throws -> Reservation {
        guard event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        let orderText = orderID.uuidString.lowercased()
        return try database.withTenantTransaction(tenantID) { connection in
            guard var reservation = try ReservationRows.find(orderID, tenantID: tenantID, lock: true, on: connection)
            else {
                throw CatalogError.reservationNotFound(orderID: orderText)
            }
            if reservation.state == target { return reservation }
            guard reservation.state == .reserved else {
                let action = target == .released ? "released" : "committed"
                throw CatalogError.reservationState(orderID: orderText, state: reservation.state, action: action)
            }
            try apply(reservation, connection)
            reservation.state = target
            reservation.updatedAt = time.truncatedToMilliseconds
            try ReservationRows.updateState(reservation, on: connection)
            try CatalogOutbox.append(event, on: connection)
            return reservation
        }
    }
}
