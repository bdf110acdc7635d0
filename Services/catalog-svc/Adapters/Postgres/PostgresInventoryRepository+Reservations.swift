import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

extension PostgresInventoryRepository {
    /// Reserves all lines or none with `ReservationStatement`, sent together with COMMIT.
    ///
    /// When the statement stored nothing, either the order has a reservation already (made
    /// before or by a concurrent call), which is returned or rejected as the port documents, or
    /// a line is unknown or short.
    public func reserve(
        _ request: ReservationRequest, tenantID: UUID, at time: Date, event: CatalogEvent
    ) throws -> Reservation {
        guard event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try request.validate()
        let lines = request.normalizedLines
        let statement = ReservationStatement.statement(
            orderID: request.orderID, lines: lines, tenantID: tenantID, at: time, event: event)
        let outcome = try database.withTenantTransaction(tenantID) { connection in
            try ReservationStatement.outcome(try connection.commit(after: [statement])[0].rows)
        }
        if outcome.created {
            return Reservation(
                orderID: request.orderID, tenantID: tenantID, lines: lines, state: .reserved,
                createdAt: time.truncatedToMilliseconds, updatedAt: time.truncatedToMilliseconds)
        }
        if let existing = try reservation(orderID: request.orderID, tenantID: tenantID) {
            return try Self.repeated(existing, lines: lines)
        }
        throw Self.rejection(outcome, orderID: request.orderID)
    }

    /// Returns the order's earlier reservation when it has the same lines and still keeps its stock.
    private static func repeated(_ existing: Reservation, lines: [ReservationLine]) throws -> Reservation {
        let orderText = existing.orderID.lowercasedString
        if existing.state == .released {
            throw CatalogError.reservationState(orderID: orderText, state: .released, action: "reserved again")
        }
        guard existing.lines == lines else { throw CatalogError.reservationMismatch(orderID: orderText) }
        return existing
    }

    /// Returns the error for the first line, in variant id order, that is unknown or short.
    private static func rejection(_ outcome: ReservationStatement.Outcome, orderID: UUID) -> AppError {
        for entry in outcome.lines {
            guard let level = entry.level else { return CatalogError.variantNotFound(entry.line.variantID) }
            if level.tracksInventory, level.inventoryPolicy == .deny, level.available < entry.line.quantity {
                return CatalogError.insufficientStock(
                    variantID: entry.line.variantID, requested: entry.line.quantity, available: level.available)
            }
        }
        // Reservations are never deleted and a conflicting insert waits for the other
        // transaction, so this needs a reservation that vanished between the two reads.
        return AppError(
            .conflict, code: "inventory.reservation_conflict",
            detail: "The reservation of order \(orderID.lowercasedString) changed while it was made. Retry.")
    }

    public func release(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        try transition(orderID: orderID, tenantID: tenantID, to: .released, at: time, event: event) {
            reservation, connection in
            // Stock goes back even to variants of products deleted since, as the reservation took it.
            let levels = try InventoryRows.levels(
                reservation.lines.map(\.variantID), tenantID: tenantID, includeDeleted: true, forUpdate: true,
                on: connection)
            let reason = "released for order \(orderID.lowercasedString)"
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
        let orderText = orderID.lowercasedString
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
