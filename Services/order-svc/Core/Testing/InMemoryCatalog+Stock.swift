import CommonKernel
import FoundationEssentials

extension InMemoryCatalog {
    public func reserve(orderID: UUID, lines: [StockLine], tenant: TenantRecord) throws {
        try faults.check(.reserveStock)
        let key = Key(tenantID: tenant.id, id: orderID)
        let normalized = Self.normalized(lines)
        try state.withLock { state in
            if let existing = state.reservations[key] {
                guard existing.state != .released else {
                    throw AppError(
                        .conflict, code: "stock.reservation_released",
                        detail: "The order's stock reservation was released and cannot be reserved again.")
                }
                guard existing.lines == normalized else {
                    throw AppError(
                        .conflict, code: "stock.reservation_mismatch",
                        detail: "The order already holds a reservation with different lines.")
                }
                return
            }

            // Check every line before changing any, and report every short variant at once.
            var shortages: [StockShortage] = []
            for line in normalized {
                guard let variant = state.variants[Key(tenantID: tenant.id, id: line.variantID)] else {
                    shortages.append(StockShortage(variantID: line.variantID, requested: line.quantity, available: 0))
                    continue
                }
                if !variant.canSell(line.quantity) {
                    shortages.append(
                        StockShortage(
                            variantID: line.variantID, requested: line.quantity,
                            available: max(variant.availableQuantity, 0)))
                }
            }
            if !shortages.isEmpty { throw OrderError.outOfStock(shortages) }

            for line in normalized { Self.change(line.variantID, by: -line.quantity, tenantID: tenant.id, in: &state) }
            state.reservations[key] = Reservation(lines: normalized, state: .reserved)
        }
        try faults.check(.reserveStockResponseLost)
    }

    /// Releases the reservation. For an order that reserved nothing it stores a released
    /// marker, so that a reservation arriving late is rejected instead of holding stock forever.
    public func release(orderID: UUID, tenant: TenantRecord) throws {
        try faults.check(.releaseStock)
        let key = Key(tenantID: tenant.id, id: orderID)
        try state.withLock { state in
            guard let reservation = state.reservations[key] else {
                state.reservations[key] = Reservation(lines: [], state: .released)
                return
            }
            switch reservation.state {
            case .released:
                return
            case .committed:
                throw AppError(
                    .conflict, code: "stock.reservation_committed",
                    detail: "The order's stock reservation is committed and cannot be released.")
            case .reserved:
                for line in reservation.lines {
                    Self.change(line.variantID, by: line.quantity, tenantID: tenant.id, in: &state)
                }
                state.reservations[key]?.state = .released
            }
        }
    }

    public func commit(orderID: UUID, tenant: TenantRecord) throws {
        try faults.check(.commitStock)
        let key = Key(tenantID: tenant.id, id: orderID)
        try state.withLock { state in
            guard let reservation = state.reservations[key] else {
                throw AppError.notFound("The stock reservation of the order", code: "stock.reservation_not_found")
            }
            guard reservation.state != .released else {
                throw AppError(
                    .conflict, code: "stock.reservation_released",
                    detail: "The order's stock reservation was released and cannot be committed.")
            }
            state.reservations[key]?.state = .committed
        }
    }

    /// Merges repeated variants and sorts by variant id, so equal requests compare equal.
    static func normalized(_ lines: [StockLine]) -> [StockLine] {
        var totals: [UUID: Int] = [:]
        for line in lines { totals[line.variantID, default: 0] += line.quantity }
        return totals.map { StockLine(variantID: $0.key, quantity: $0.value) }
            .sorted { $0.variantID.uuidString < $1.variantID.uuidString }
    }

    /// Adds `delta` to a tracked variant's available units; untracked variants keep theirs.
    static func change(_ variantID: UUID, by delta: Int, tenantID: UUID, in state: inout State) {
        let key = Key(tenantID: tenantID, id: variantID)
        guard state.variants[key]?.tracksInventory == true else { return }
        state.variants[key]?.availableQuantity += delta
    }
}
