import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Discount codes in `ordering.discounts` and their uses in `ordering.discount_redemptions`.
struct PostgresDiscountRepository: DiscountRepository {
    let database: TransactionConnection

    func save(_ discount: Discount, tenantID: UUID) throws {
        var basisPoints: Int?
        var amount: Money?
        switch discount.value {
        case .percentage(let points): basisPoints = points
        case .fixed(let money): amount = money
        }
        try database.execute(
            """
            INSERT INTO ordering.discounts (tenant_id, code, kind, basis_points, amount_minor, amount_currency,
                minimum_minor, minimum_currency, usage_limit, used, starts_at, ends_at, is_active)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (tenant_id, code) DO UPDATE SET kind = $3, basis_points = $4, amount_minor = $5,
                amount_currency = $6, minimum_minor = $7, minimum_currency = $8, usage_limit = $9,
                starts_at = $11, ends_at = $12, is_active = $13
            """,
            [
                tenantID, Discount.normalizedCode(discount.code), basisPoints == nil ? "fixed" : "percentage",
                basisPoints, amount?.minorUnits, amount?.currency.code, discount.minimumSubtotal?.minorUnits,
                discount.minimumSubtotal?.currency.code, discount.usageLimit, discount.usageCount,
                discount.startsAt, discount.endsAt, discount.isActive,
            ])
    }

    func find(code: String, tenantID: UUID) throws -> Discount? {
        try database.query(
            "SELECT * FROM ordering.discounts WHERE tenant_id = $1 AND code = $2",
            [tenantID, Discount.normalizedCode(code)]
        ).first.map(Self.discount)
    }

    /// Checks for an earlier use by the order, then raises the count with one conditional
    /// UPDATE, which waits for a concurrent redemption's commit and then checks the limit again.
    func redeem(code: String, orderID: UUID, tenantID: UUID, at time: Date) throws -> Discount {
        let key = Discount.normalizedCode(code)
        let earlier = try database.query(
            "SELECT 1 FROM ordering.discount_redemptions WHERE tenant_id = $1 AND code = $2 AND order_id = $3",
            [tenantID, key, orderID])
        if !earlier.isEmpty {
            guard let discount = try find(code: key, tenantID: tenantID) else { throw OrderError.discountNotFound(key) }
            return discount
        }
        let raised = try database.query(
            """
            UPDATE ordering.discounts SET used = used + 1
            WHERE tenant_id = $1 AND code = $2 AND (usage_limit IS NULL OR used < usage_limit)
            RETURNING *
            """, [tenantID, key])
        guard let row = raised.first else {
            guard try find(code: key, tenantID: tenantID) != nil else { throw OrderError.discountNotFound(key) }
            throw OrderError.discountExhausted(key)
        }
        try database.execute(
            "INSERT INTO ordering.discount_redemptions (tenant_id, code, order_id, redeemed_at) VALUES ($1, $2, $3, $4)",
            [tenantID, key, orderID, time])
        return try Self.discount(row)
    }

    func returnRedemption(code: String, orderID: UUID, tenantID: UUID) throws -> Bool {
        let key = Discount.normalizedCode(code)
        let deleted = try database.execute(
            "DELETE FROM ordering.discount_redemptions WHERE tenant_id = $1 AND code = $2 AND order_id = $3",
            [tenantID, key, orderID])
        guard deleted == 1 else { return false }
        try database.execute(
            "UPDATE ordering.discounts SET used = used - 1 WHERE tenant_id = $1 AND code = $2 AND used > 0",
            [tenantID, key])
        return true
    }

    func redeemingOrders(code: String, tenantID: UUID) throws -> Set<UUID> {
        let rows = try database.query(
            "SELECT order_id FROM ordering.discount_redemptions WHERE tenant_id = $1 AND code = $2",
            [tenantID, Discount.normalizedCode(code)])
        return Set(try rows.map { try $0.uuid("order_id") })
    }

    static func discount(_ row: PostgresRow) throws -> Discount {
        let value: Discount.Value
        if let points = try row.optionalInt("basis_points") {
            value = .percentage(basisPoints: points)
        } else {
            value = .fixed(try StoredMoney.money(row, "amount_minor", currencyColumn: "amount_currency"))
        }
        var minimum: Money?
        if !row.isNull("minimum_minor") {
            minimum = try StoredMoney.money(row, "minimum_minor", currencyColumn: "minimum_currency")
        }
        return Discount(
            code: try row.string("code"), value: value, minimumSubtotal: minimum,
            usageLimit: try row.optionalInt("usage_limit"), usageCount: try row.int("used"),
            startsAt: try row.optionalDate("starts_at"), endsAt: try row.optionalDate("ends_at"),
            isActive: try row.bool("is_active"))
    }
}
