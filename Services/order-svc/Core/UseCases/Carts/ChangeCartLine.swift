import CommonKernel
import FoundationEssentials

/// Adds a variant to a cart, sets its quantity or removes it, copying the catalog's current
/// facts into the line.
public struct ChangeCartLine: Sendable {
    /// The change to make to the variant's line.
    public enum Change: Sendable, Equatable {
        /// Adds units to the line, making it when absent.
        case add(quantity: Int)
        /// Sets the line to exactly this many units, making it when absent.
        case setQuantity(Int)
        case remove
    }

    let editor: CartEditor
    let catalog: any CatalogGateway
    let clock: @Sendable () -> Date

    public init(
        store: any OrderStore, catalog: any CatalogGateway, clock: @escaping @Sendable () -> Date = orderClock
    ) {
        self.editor = CartEditor(store: store)
        self.catalog = catalog
        self.clock = clock
    }

    /// Applies `change` to the line of `variantID` and returns the stored cart.
    ///
    /// Throws `invalidInput` naming `quantity` outside 1...999, `variant.not_found` naming
    /// `variant_id` for a variant the catalog does not sell, `out_of_stock` when a
    /// stock-limited variant has fewer units, `cart.line_not_found` when removing an absent
    /// line, and what `CartEditor.modify` throws. The catalog is read before the transaction,
    /// so a slow catalog never holds the cart's row lock.
    public func execute(
        _ change: Change, variantID: UUID, cartID: UUID, access: CartAccess, tenant: TenantRecord
    ) throws -> Cart {
        if case .add(let quantity) = change { try CartLine.validate(quantity: quantity) }
        if case .setQuantity(let quantity) = change { try CartLine.validate(quantity: quantity) }
        let snapshot = change == .remove ? nil : try variant(variantID, tenant: tenant)
        let now = clock()

        return try editor.modify(cartID: cartID, access: access, tenant: tenant) { cart in
            switch change {
            case .add(let quantity): try cart.add(snapshot!, quantity: quantity, at: now)
            case .setQuantity(let quantity): try cart.setQuantity(quantity, of: snapshot!, at: now)
            case .remove: try cart.removeLine(variantID: variantID, at: now)
            }
        }
    }

    private func variant(_ id: UUID, tenant: TenantRecord) throws -> VariantSnapshot {
        guard let snapshot = try catalog.variants([id], tenant: tenant).first(where: { $0.variantID == id }) else {
            throw AppError(
                .notFound, code: "variant.not_found",
                detail: "Variant \(id.lowercasedString) is not for sale in this shop.",
                fieldErrors: [FieldError(field: "variant_id", message: "is not a variant for sale", code: "not_found")])
        }
        return snapshot
    }
}
