import CommonKernel
import FoundationEssentials

/// The catalog's errors, built in one place so that every adapter reports a rule the same way.
public enum CatalogError {
    /// Returns the error for a tenant whose plan allows no more products.
    public static func productLimitReached(limit: Int) -> AppError {
        AppError(
            .paymentRequired, code: "plan.product_limit_reached",
            detail:
                "The shop's plan allows at most \(limit) products. Delete a product or upgrade the plan to add more.",
            extensions: ["limit": .number(Double(limit))])
    }

    /// Returns the error for a handle that another product of the tenant already uses.
    public static func handleTaken(_ handle: String) -> AppError {
        AppError(
            .conflict, code: "product.handle_taken",
            detail: "Another product already uses the handle '\(handle)'. Choose a different handle.",
            fieldErrors: [FieldError(field: "handle", message: "is already used by another product", code: "taken")])
    }

    /// Returns the error for a product that changed since the caller read it.
    public static func revisionConflict(expected: Int, actual: Int) -> AppError {
        AppError(
            .conflict, code: "product.revision_conflict",
            detail:
                "The product was changed by someone else (revision \(actual), expected \(expected)). Reload it and retry.",
            extensions: ["revision": .number(Double(actual))])
    }

    public static func productNotFound(_ id: UUID) -> AppError {
        AppError.notFound("Product \(id.lowercasedString)", code: "product.not_found")
    }

    public static func variantNotFound(_ id: UUID) -> AppError {
        AppError.notFound("Variant \(id.lowercasedString)", code: "variant.not_found")
    }

    public static func reservationNotFound(orderID: String) -> AppError {
        AppError.notFound("The stock reservation for order '\(orderID)'", code: "inventory.reservation_not_found")
    }

    /// Returns the error for a `deny` variant with fewer units than requested; `available` is its stock now.
    public static func insufficientStock(variantID: UUID, requested: Int, available: Int) -> AppError {
        AppError(
            .conflict, code: "inventory.insufficient_stock",
            detail:
                "Variant \(variantID.lowercasedString) has \(available) units available, \(requested) requested.",
            extensions: [
                "variant_id": .string(variantID.lowercasedString),
                "available": .number(Double(available)),
                "requested": .number(Double(requested)),
            ])
    }

    /// Returns the error for a reservation whose state forbids the requested transition.
    public static func reservationState(orderID: String, state: ReservationState, action: String) -> AppError {
        AppError(
            .conflict, code: "inventory.reservation_\(state.rawValue)",
            detail: "The stock reservation for order '\(orderID)' is \(state.rawValue) and cannot be \(action).")
    }

    /// Returns the error for a repeated reservation of `orderID` with other lines than the first one.
    public static func reservationMismatch(orderID: String) -> AppError {
        AppError(
            .conflict, code: "inventory.reservation_mismatch",
            detail:
                "Order '\(orderID)' already has a stock reservation with different lines. Release it before reserving again."
        )
    }
}

extension CatalogError {
    /// Returns the error for a record passed under another tenant's id, which is a wiring mistake
    /// and never client input.
    public static func tenantMismatch() -> AppError {
        AppError(
            .internal, code: "catalog.tenant_mismatch",
            detail: "A catalog record was written under another tenant's id.")
    }
}
