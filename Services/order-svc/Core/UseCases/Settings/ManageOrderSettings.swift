import CommonKernel
import FoundationEssentials

/// Reads and changes a tenant's checkout settings for its staff.
public struct ManageOrderSettings: Sendable {
    /// The parts of the settings to replace; nil members keep their stored value.
    public struct Change: Sendable, Equatable {
        public var shippingRates: [ShippingRate]?
        public var tax: TaxSettings?
        public var paymentHoldSeconds: Int?

        public init(shippingRates: [ShippingRate]? = nil, tax: TaxSettings? = nil, paymentHoldSeconds: Int? = nil) {
            self.shippingRates = shippingRates
            self.tax = tax
            self.paymentHoldSeconds = paymentHoldSeconds
        }
    }

    let store: any OrderStore

    public init(store: any OrderStore) {
        self.store = store
    }

    /// Returns the stored settings, or `OrderSettings.defaults` when the tenant saved none.
    public func settings(tenant: TenantRecord) throws -> OrderSettings {
        try store.transaction(tenantID: tenant.id) { try $0.settings.settings(tenantID: tenant.id) }
    }

    /// Applies `change` to the stored settings and returns what was saved.
    ///
    /// Throws what `OrderSettings.validate` throws, and `invalidInput` naming
    /// `shipping_rates[i]` for a rate priced in another currency than the tenant's.
    public func update(_ change: Change, tenant: TenantRecord) throws -> OrderSettings {
        let currency = try Currency(code: tenant.currency)
        if let rates = change.shippingRates { try Self.requireCurrency(currency, of: rates) }
        return try store.transaction(tenantID: tenant.id) { transaction in
            var settings = try transaction.settings.settings(tenantID: tenant.id)
            if let rates = change.shippingRates { settings.shippingRates = rates }
            if let tax = change.tax { settings.tax = tax }
            if let hold = change.paymentHoldSeconds { settings.paymentHoldSeconds = hold }
            try settings.validate()
            try transaction.settings.save(settings, tenantID: tenant.id)
            return settings
        }
    }

    private static func requireCurrency(_ currency: Currency, of rates: [ShippingRate]) throws {
        var errors: [FieldError] = []
        for (index, rate) in rates.enumerated() where !rate.amounts.allSatisfy({ $0.currency == currency }) {
            errors.append(
                FieldError(
                    field: "shipping_rates[\(index)]", message: "must be priced in \(currency.code)",
                    code: "currency_mismatch"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }
}

extension ShippingRate {
    /// Every amount of the rate: its prices and the free-shipping threshold.
    var amounts: [Money] {
        var amounts: [Money] = freeAboveSubtotal.map { [$0] } ?? []
        switch pricing {
        case .flat(let price): amounts.append(price)
        case .weightBands(let bands): amounts += bands.map(\.price)
        }
        return amounts
    }
}
