import CommonKernel
import FoundationEssentials

extension Cart {
    /// Throws `cart.not_found` unless `access` proves ownership: the guest token compared in
    /// constant time, or the same customer id. Not found rather than forbidden, so a wrong
    /// token reveals nothing about which cart ids exist.
    public func authorize(_ access: CartAccess) throws {
        switch (owner, access) {
        case (.guest(let token), .guestToken(let presented)) where ConstantTime.equals(token, presented):
            return
        case (.customer(let owner), .customer(let caller)) where owner == caller:
            return
        default:
            throw OrderError.cartNotFound(id)
        }
    }

    /// Throws `cart.checked_out` when the cart already became an order.
    public func requireOpen() throws {
        if isCheckedOut { throw OrderError.cartCheckedOut(id) }
    }

    /// Adds `quantity` units of the snapshot's variant, merging with an existing line and
    /// refreshing its catalog facts.
    ///
    /// Throws `invalidInput` naming `quantity` when the line would leave 1...999,
    /// `cart.too_many_lines` past `maximumLines`, `cart.currency_mismatch` for a price in
    /// another currency, and `out_of_stock` when a stock-limited variant has too few units.
    public mutating func add(_ snapshot: VariantSnapshot, quantity: Int, at time: Date) throws {
        try CartLine.validate(quantity: quantity)
        let existing = lines.first { $0.variantID == snapshot.variantID }?.quantity ?? 0
        try setQuantity(existing + quantity, of: snapshot, at: time)
    }

    /// Sets the line of the snapshot's variant to exactly `quantity` units, adding it if absent.
    ///
    /// Throws what `add` throws.
    public mutating func setQuantity(_ quantity: Int, of snapshot: VariantSnapshot, at time: Date) throws {
        try CartLine.validate(quantity: quantity)
        guard snapshot.price.currency == currency else {
            throw AppError(
                .conflict, code: "cart.currency_mismatch",
                detail: "The variant is priced in \(snapshot.price.currency.code) but the cart is in \(currency.code).")
        }
        guard snapshot.canSell(quantity) else {
            throw OrderError.outOfStock([
                StockShortage(
                    variantID: snapshot.variantID, requested: quantity, available: max(snapshot.availableQuantity, 0))
            ])
        }

        let line = CartLine(snapshot: snapshot, quantity: quantity)
        if let index = lines.firstIndex(where: { $0.variantID == snapshot.variantID }) {
            lines[index] = line
        } else {
            guard lines.count < Cart.maximumLines else {
                throw AppError(
                    .invalidInput, code: "cart.too_many_lines",
                    detail: "A cart holds at most \(Cart.maximumLines) different items. Remove one to add another.")
            }
            lines.append(line)
        }
        updatedAt = time
    }

    /// Removes the line of `variantID`; throws `cart.line_not_found` when there is none.
    public mutating func removeLine(variantID: UUID, at time: Date) throws {
        guard let index = lines.firstIndex(where: { $0.variantID == variantID }) else {
            throw OrderError.cartLineNotFound(variantID)
        }
        lines.remove(at: index)
        updatedAt = time
    }
}
