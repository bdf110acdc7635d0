import CommonKernel
import FoundationEssentials

/// Accepts the catalog's current prices into a cart after checkout reported a change, and
/// drops lines whose variants are no longer sold.
public struct RefreshCartPrices: Sendable {
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

    /// Returns the stored cart and the differences that were applied, so the shop can show them.
    ///
    /// Throws what `CartEditor.modify` throws and `AppError(.unavailable)` from the catalog.
    public func execute(
        cartID: UUID, access: CartAccess, tenant: TenantRecord
    ) throws -> (cart: Cart, applied: CartPriceCheck) {
        let current = try GetCart(store: editor.store).execute(cartID: cartID, access: access, tenant: tenant)
        let snapshots = try catalog.variants(current.lines.map(\.variantID), tenant: tenant)
        let check = CartPriceCheck(cart: current, snapshots: snapshots)
        let byID = Dictionary(snapshots.map { ($0.variantID, $0) }, uniquingKeysWith: { first, _ in first })
        let now = clock()

        let cart = try editor.modify(cartID: cartID, access: access, tenant: tenant) { cart in
            // A concurrent change between the two reads makes the stored revision differ, so
            // this update fails with cart.changed instead of applying stale prices.
            guard cart.revision == current.revision else { throw OrderError.cartChanged(cartID) }
            cart.lines = cart.lines.compactMap { line in
                guard let snapshot = byID[line.variantID] else { return nil }
                return CartLine(snapshot: snapshot, quantity: line.quantity)
            }
            cart.updatedAt = now
        }
        return (cart, check)
    }
}
