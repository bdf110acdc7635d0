import CommonKernel
import FoundationEssentials

/// The order service's errors, built in one place so that every adapter reports a rule the same way.
public enum OrderError {
    public static func cartNotFound(_ id: UUID) -> AppError {
        AppError.notFound("Cart \(id.lowercasedString)", code: "cart.not_found")
    }

    /// Returns the error for a cart that already became an order.
    public static func cartCheckedOut(_ id: UUID) -> AppError {
        AppError(
            .conflict, code: "cart.checked_out",
            detail: "Cart \(id.lowercasedString) was already checked out. Start a new cart.")
    }

    /// Returns the error for a cart that changed between reading and writing it.
    public static func cartChanged(_ id: UUID) -> AppError {
        AppError(
            .conflict, code: "cart.changed",
            detail: "Cart \(id.lowercasedString) was changed by another request. Reload it and retry.")
    }

    public static func cartLineNotFound(_ variantID: UUID) -> AppError {
        AppError.notFound("A cart line for variant \(variantID.lowercasedString)", code: "cart.line_not_found")
    }

    public static func orderNotFound() -> AppError {
        AppError.notFound("Order", code: "order.not_found")
    }

    /// Returns the error for a status change that the transition table forbids.
    public static func invalidTransition(orderNumber: Int, from: OrderStatus, to: OrderStatus) -> AppError {
        AppError(
            .conflict, code: "order.invalid_transition",
            detail: "Order #\(orderNumber) is \(from.rawValue) and cannot become \(to.rawValue).",
            extensions: ["from": .string(from.rawValue), "to": .string(to.rawValue)])
    }

    /// Returns the error for an order stored by someone else since it was read.
    public static func versionConflict(orderNumber: Int) -> AppError {
        AppError(
            .conflict, code: "order.version_conflict",
            detail: "Order #\(orderNumber) was changed by another request. Reload it and retry.")
    }

    /// Returns the error for a discount code whose usage limit is reached.
    public static func discountExhausted(_ code: String) -> AppError {
        AppError(
            .conflict, code: "discount.exhausted",
            detail: "The discount code '\(code)' has reached its usage limit.",
            fieldErrors: [FieldError(field: "discount_code", message: "has no uses left", code: "discount.exhausted")])
    }

    public static func discountNotFound(_ code: String) -> AppError {
        AppError(
            .invalidInput, code: "discount.not_found", detail: "There is no discount code '\(code)'.",
            fieldErrors: [
                FieldError(field: "discount_code", message: "is not a valid code", code: "discount.not_found")
            ])
    }

    /// Returns the error for stock that cannot cover every line, listing each variant short.
    public static func outOfStock(_ shortages: [StockShortage]) -> AppError {
        let variants: [JSONValue] = shortages.map { shortage in
            .object([
                "variant_id": .string(shortage.variantID.lowercasedString),
                "requested": .number(Double(shortage.requested)),
                "available": .number(Double(shortage.available)),
            ])
        }
        return AppError(
            .conflict, code: "out_of_stock",
            detail: "\(shortages.count) item(s) in the cart do not have enough stock. Lower the quantities and retry.",
            extensions: ["variants": .array(variants)])
    }

    /// Returns the error for a record passed under another tenant's id, which is a wiring
    /// mistake and never client input.
    public static func tenantMismatch() -> AppError {
        AppError(
            .internal, code: "order.tenant_mismatch", detail: "An order record was used under another tenant's id.")
    }
}

/// A variant whose stock cannot cover the requested quantity.
public struct StockShortage: Sendable, Equatable {
    public var variantID: UUID
    public var requested: Int
    /// The units available now; zero or more.
    public var available: Int

    public init(variantID: UUID, requested: Int, available: Int) {
        self.variantID = variantID
        self.requested = requested
        self.available = available
    }
}
