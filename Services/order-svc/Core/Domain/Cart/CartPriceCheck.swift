import CommonKernel
import FoundationEssentials

/// The differences between a cart's copied prices and the catalog's current ones.
public struct CartPriceCheck: Sendable, Equatable {
    /// A variant whose price moved since it was added to the cart.
    public struct Change: Sendable, Equatable {
        public var variantID: UUID
        public var oldPrice: Money
        public var newPrice: Money
    }

    public var changes: [Change]
    /// Variants of the cart that the catalog no longer sells.
    public var unavailable: [UUID]

    /// Compares every line of `cart` with the snapshot of its variant, in line order.
    public init(cart: Cart, snapshots: [VariantSnapshot]) {
        let byID = Dictionary(snapshots.map { ($0.variantID, $0) }, uniquingKeysWith: { first, _ in first })
        changes = []
        unavailable = []
        for line in cart.lines {
            guard let snapshot = byID[line.variantID] else {
                unavailable.append(line.variantID)
                continue
            }
            if snapshot.price != line.unitPrice {
                changes.append(Change(variantID: line.variantID, oldPrice: line.unitPrice, newPrice: snapshot.price))
            }
        }
    }

    /// Throws `cart.variants_unavailable` (conflict, extension `variant_ids`) when a variant is
    /// gone, then `cart.prices_changed` (conflict, extension `changes` with `variant_id`,
    /// `old_price` and `new_price` per variant) when a price moved.
    public func requireUnchanged() throws {
        if !unavailable.isEmpty {
            throw AppError(
                .conflict, code: "cart.variants_unavailable",
                detail: "\(unavailable.count) item(s) in the cart are no longer sold. Remove them and retry.",
                extensions: ["variant_ids": .array(unavailable.map { .string($0.lowercasedString) })])
        }
        if !changes.isEmpty {
            let listed: [JSONValue] = changes.map { change in
                .object([
                    "variant_id": .string(change.variantID.lowercasedString),
                    "old_price": change.oldPrice.jsonValue, "new_price": change.newPrice.jsonValue,
                ])
            }
            throw AppError(
                .conflict, code: "cart.prices_changed",
                detail: "Prices of \(changes.count) item(s) changed since they were added. Review the cart and retry.",
                extensions: ["changes": .array(listed)])
        }
    }
}
