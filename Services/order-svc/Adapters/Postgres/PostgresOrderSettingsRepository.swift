import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Each tenant's checkout settings in one row of `ordering.order_settings`.
struct PostgresOrderSettingsRepository: OrderSettingsRepository {
    let database: TransactionConnection

    func settings(tenantID: UUID) throws -> OrderSettings {
        guard let row = try database.query(
            "SELECT *, shipping_rates::text AS rates FROM ordering.order_settings WHERE tenant_id = $1", [tenantID]
        ).first else {
            return .defaults
        }
        let rates = try ShippingRateCache.shared.rates(decoding: try row.string("rates"))
        let tax = TaxSettings(
            rateBasisPoints: try row.int("tax_rate_basis_points"), pricesIncludeTax: try row.bool("prices_include_tax"),
            taxesShipping: try row.bool("taxes_shipping"))
        return OrderSettings(shippingRates: rates, tax: tax, paymentHoldSeconds: try row.int("payment_hold_seconds"))
    }

    func save(_ settings: OrderSettings, tenantID: UUID) throws {
        try database.execute(
            """
            INSERT INTO ordering.order_settings (tenant_id, shipping_rates, tax_rate_basis_points, prices_include_tax,
                taxes_shipping, payment_hold_seconds)
            VALUES ($1, $2::jsonb, $3, $4, $5, $6)
            ON CONFLICT (tenant_id) DO UPDATE SET shipping_rates = $2::jsonb, tax_rate_basis_points = $3,
                prices_include_tax = $4, taxes_shipping = $5, payment_hold_seconds = $6, updated_at = now()
            """,
            [
                tenantID, try JSONText(encoding: settings.shippingRates), settings.tax.rateBasisPoints,
                settings.tax.pricesIncludeTax, settings.tax.taxesShipping, settings.paymentHoldSeconds,
            ])
    }
}
