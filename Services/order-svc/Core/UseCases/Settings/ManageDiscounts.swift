import CommonKernel
import FoundationEssentials

/// Creates, replaces and reads a tenant's discount codes for its staff.
public struct ManageDiscounts: Sendable {
    let store: any OrderStore

    /// The maximum length of a code, in characters.
    public static let maximumCodeLength = 50

    public init(store: any OrderStore) {
        self.store = store
    }

    /// Saves `discount` under its normalized code, keeping the usage count of an existing code,
    /// and returns it as stored.
    ///
    /// Throws one `invalidInput` error listing every problem. A code must have 1 to 50 letters,
    /// digits, `-` or `_`. A percentage must lie within 1 to 10,000 basis points, and an amount
    /// must be positive and in the tenant's currency. The usage limit must not be negative, and
    /// the end must come after the start.
    public func save(_ discount: Discount, tenant: TenantRecord) throws -> Discount {
        try Self.validate(discount, currency: try Currency(code: tenant.currency))
        return try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.discounts.save(discount, tenantID: tenant.id)
            guard let stored = try transaction.discounts.find(code: discount.code, tenantID: tenant.id) else {
                throw OrderError.discountNotFound(discount.code)
            }
            return stored
        }
    }

    /// Returns the discount with `code`; throws `discount.not_found`.
    public func find(code: String, tenant: TenantRecord) throws -> Discount {
        let found = try store.transaction(tenantID: tenant.id) { transaction in
            try transaction.discounts.find(code: code, tenantID: tenant.id)
        }
        guard let found else {
            throw AppError.notFound("Discount code '\(Discount.normalizedCode(code))'", code: "discount.not_found")
        }
        return found
    }

    static func validate(_ discount: Discount, currency: Currency) throws {
        var errors: [FieldError] = []
        let allowed = { (character: Character) in
            character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
        }
        if discount.code.isEmpty || discount.code.count > maximumCodeLength || !discount.code.allSatisfy(allowed) {
            errors.append(
                FieldError(
                    field: "code", message: "must be 1 to \(maximumCodeLength) letters, digits, '-' or '_'",
                    code: "invalid"))
        }
        switch discount.value {
        case .percentage(let points) where !(1...10_000).contains(points):
            errors.append(
                FieldError(field: "basis_points", message: "must be between 1 and 10000", code: "out_of_range"))
        case .fixed(let amount) where amount.currency != currency || amount.minorUnits <= 0:
            errors.append(
                FieldError(field: "amount", message: "must be a positive amount in \(currency.code)", code: "invalid"))
        default:
            break
        }
        if let minimum = discount.minimumSubtotal, minimum.currency != currency || minimum.minorUnits < 0 {
            errors.append(
                FieldError(
                    field: "minimum_subtotal", message: "must be an amount in \(currency.code)", code: "invalid"))
        }
        if let limit = discount.usageLimit, limit < 0 {
            errors.append(FieldError(field: "usage_limit", message: "must not be negative", code: "out_of_range"))
        }
        if let start = discount.startsAt, let end = discount.endsAt, end <= start {
            errors.append(FieldError(field: "ends_at", message: "must be after starts_at", code: "out_of_range"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }
}
