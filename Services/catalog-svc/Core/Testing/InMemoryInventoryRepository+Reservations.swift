import CommonKernel
import FoundationEssentials

extension InMemoryInventoryRepository {
    public func reserve(
        _ request: ReservationRequest, tenantID: UUID, at time: Date, event: CatalogEvent
    ) throws -> Reservation {
        guard event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try request.validate()
        let lines = request.normalizedLines
        let key = InMemoryCatalogStorage.ReservationKey(tenantID: tenantID, orderID: request.orderID)
        return try storage.state.withLock { state in
            if let existing = state.reservations[key] {
                if existing.state == .released {
                    throw CatalogError.reservationState(
                        orderID: request.orderID.lowercasedString, state: .released, action: "reserved again")
                }
                guard existing.lines == lines else {
                    throw CatalogError.reservationMismatch(orderID: request.orderID.lowercasedString)
                }
                return existing
            }

            // Check every line before changing any, so a failing line leaves all stock untouched.
            var tracked: [ReservationLine] = []
            for line in lines {
                let level = try Self.level(of: line.variantID, tenantID: tenantID, in: state)
                guard level.tracksInventory else { continue }
                if level.inventoryPolicy == .deny, level.available < line.quantity {
                    throw CatalogError.insufficientStock(
                        variantID: line.variantID, requested: line.quantity, available: level.available)
                }
                tracked.append(line)
            }

            let reason = "reserved for order \(request.orderID.lowercasedString)"
            for line in tracked {
                Self.change(
                    line.variantID, by: -line.quantity, reason: reason, tenantID: tenantID, at: time, in: &state)
            }
            let reservation = Reservation(
                orderID: request.orderID, tenantID: tenantID, lines: lines, state: .reserved, createdAt: time,
                updatedAt: time)
            state.reservations[key] = reservation
            state.events.append(event)
            return reservation
        }
    }

    public func release(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        try transition(orderID: orderID, tenantID: tenantID, to: .released, at: time, event: event) {
            state, reservation in
            let reason = "released for order \(orderID.lowercasedString)"
            for line in reservation.lines {
                let variant = state.locateVariant(line.variantID, tenantID: tenantID, includeDeleted: true)
                    .map { state.products[$0.productID]!.variants[$0.index] }
                guard variant?.tracksInventory == true else { continue }
                Self.change(line.variantID, by: line.quantity, reason: reason, tenantID: tenantID, at: time, in: &state)
            }
        }
    }

    public func commit(orderID: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws -> Reservation {
        try transition(orderID: orderID, tenantID: tenantID, to: .committed, at: time, event: event) { _, _ in }
    }

    /// Moves a reserved reservation to `target` and runs `apply` for its stock effect.
    /// A reservation already in `target` is returned unchanged, and one in the other final
    /// state is rejected.
    private func transition(
        orderID: UUID, tenantID: UUID, to target: ReservationState, at time: Date, event: CatalogEvent,
        apply: (inout InMemoryCatalogStorage.State, Reservation) -> Void
    ) throws -> Reservation {
        guard event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        let key = InMemoryCatalogStorage.ReservationKey(tenantID: tenantID, orderID: orderID)
        return try storage.state.withLock { state in
            guard var reservation = state.reservations[key] else {
                throw CatalogError.reservationNotFound(orderID: orderID.lowercasedString)
            }
            if reservation.state == target { return reservation }
            guard reservation.state == .reserved else {
                let action = target == .released ? "released" : "committed"
                throw CatalogError.reservationState(
                    orderID: orderID.lowercasedString, state: reservation.state, action: action)
            }
            apply(&state, reservation)
            reservation.state = target
            reservation.updatedAt = time
            state.reservations[key] = reservation
            state.events.append(event)
            return reservation
        }
    }
}
