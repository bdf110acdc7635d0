import CommonKernel
import FoundationEssentials
import OrderCore

/// The JSON form of a tenant's checkout settings, read and written by the settings routes.
///
/// `{shipping_rates: [{code, name, price | weight_bands: [{max_grams, price}], free_above}],
/// tax: {rate_basis_points, prices_include_tax, taxes_shipping}, payment_hold_seconds}`, with
/// amounts as decimal strings in the shop's currency.
enum SettingsJSON {
    static func render(_ settings: OrderSettings, currency: String) -> JSONValue {
        .object([
            "currency": .string(currency),
            "shipping_rates": .array(settings.shippingRates.map(rate)),
            "tax": .object([
                "rate_basis_points": .number(Double(settings.tax.rateBasisPoints)),
                "prices_include_tax": .bool(settings.tax.pricesIncludeTax),
                "taxes_shipping": .bool(settings.tax.taxesShipping),
            ]),
            "payment_hold_seconds": .number(Double(settings.paymentHoldSeconds)),
        ])
    }

    /// Reads the members present in `bytes` into a change; absent members stay unchanged.
    /// Throws one `invalidInput` error naming every bad or unknown field.
    static func change(_ bytes: [UInt8], currency: Currency) throws -> ManageOrderSettings.Change {
        var body = try JSONBody(bytes: bytes)
        var change = ManageOrderSettings.Change()
        if let list = body.value("shipping_rates", required: false) {
            change.shippingRates = rates(list, currency: currency, body: &body)
        }
        if var tax = body.object("tax") {
            let rate = tax.int("rate_basis_points", required: true, range: 0...TaxSettings.maximumRateBasisPoints)
            let included = tax.bool("prices_include_tax") ?? false
            let shipping = tax.bool("taxes_shipping") ?? false
            body.merge(tax)
            if let rate {
                change.tax = TaxSettings(rateBasisPoints: rate, pricesIncludeTax: included, taxesShipping: shipping)
            }
        }
        change.paymentHoldSeconds = body.int(
            "payment_hold_seconds", range: OrderSettings.paymentHoldRange)
        try body.finish()
        return change
    }

    private static func rates(_ list: JSONValue, currency: Currency, body: inout JSONBody) -> [ShippingRate] {
        guard case .array(let entries) = list else {
            body.fail("shipping_rates", "must be an array of shipping rates", code: "wrong_type")
            return []
        }
        var rates: [ShippingRate] = []
        for (index, entry) in entries.enumerated() {
            let path = "shipping_rates[\(index)]"
            guard case .object(let members) = entry else {
                body.fail(path, "must be an object", code: "wrong_type")
                continue
            }
            var item = JSONBody(members: members, prefix: path)
            let rate = self.rate(&item, path: path, currency: currency)
            body.merge(item)
            if let rate { rates.append(rate) }
        }
        return rates
    }

    private static func rate(_ item: inout JSONBody, path: String, currency: Currency) -> ShippingRate? {
        let code = item.nonEmptyString("code", required: true, maxLength: 50)
        let name = item.nonEmptyString("name", required: true, maxLength: 200)
        let freeAbove = item.money("free_above", currency: currency)
        let flat = item.money("price", currency: currency)
        let bands = weightBands(&item, path: path, currency: currency)
        if (flat == nil) == (bands == nil), item.errors.isEmpty {
            item.fail("price", "give either price (a flat rate) or weight_bands, not both", code: "invalid")
        }
        guard let code, let name, item.errors.isEmpty else { return nil }
        let pricing: ShippingRate.Pricing = flat.map { .flat($0) } ?? .weightBands(bands ?? [])
        return ShippingRate(code: code, name: name, pricing: pricing, freeAboveSubtotal: freeAbove)
    }

    private static func weightBands(_ item: inout JSONBody, path: String, currency: Currency) -> [WeightBand]? {
        guard let value = item.value("weight_bands", required: false) else { return nil }
        guard case .array(let entries) = value, !entries.isEmpty else {
            item.fail("weight_bands", "must be a non-empty array", code: "wrong_type")
            return nil
        }
        var bands: [WeightBand] = []
        for (index, entry) in entries.enumerated() {
            guard case .object(let members) = entry else {
                item.fail("weight_bands[\(index)]", "must be an object", code: "wrong_type")
                continue
            }
            var band = JSONBody(members: members, prefix: "\(path).weight_bands[\(index)]")
            let grams = band.int("max_grams", required: true, range: 1...1_000_000_000)
            let price = band.money("price", currency: currency, required: true)
            item.merge(band)
            if let grams, let price { bands.append(WeightBand(maximumGrams: grams, price: price)) }
        }
        return bands
    }

    private static func rate(_ rate: ShippingRate) -> JSONValue {
        var members: [String: JSONValue] = [
            "code": .string(rate.code), "name": .string(rate.name),
            "free_above": rate.freeAboveSubtotal.map { .string($0.formatted) } ?? .null,
        ]
        switch rate.pricing {
        case .flat(let price):
            members["price"] = .string(price.formatted)
        case .weightBands(let bands):
            members["weight_bands"] = .array(
                bands.map { .object(["max_grams": .number(Double($0.maximumGrams)), "price": .string($0.price.formatted)]) })
        }
        return .object(members)
    }
}
