import CommonKernel
import FoundationEssentials

enum CartAndSettingsChecks {
    static let all: [OrderStoreContract.Check] = [
        .init(name: "cart round trip and revision", run: cartRevision),
        .init(name: "open customer cart", run: openCustomerCart),
        .init(name: "settings default and round trip", run: settingsRoundTrip),
    ]

    static let settings = OrderSettings(
        shippingRates: [
            ShippingRate(
                code: "inside-dhaka", name: "Inside Dhaka", pricing: .flat(Money(minorUnits: 6_000, currency: .bdt)),
                freeAboveSubtotal: Money(minorUnits: 300_000, currency: .bdt)),
            ShippingRate(
                code: "outside-dhaka", name: "Outside Dhaka",
                pricing: .weightBands([
                    WeightBand(maximumGrams: 1000, price: Money(minorUnits: 12_000, currency: .bdt)),
                    WeightBand(maximumGrams: 5000, price: Money(minorUnits: 20_000, currency: .bdt)),
                ])),
        ],
        tax: TaxSettings(rateBasisPoints: 1500, pricesIncludeTax: true, taxesShipping: true), paymentHoldSeconds: 1800)

    static func cartRevision(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let cart = OrderFixtures.cart(tenantID: tenant)
        try subject.store.transaction(tenantID: tenant) { try $0.carts.insert(cart, tenantID: tenant) }
        try Expect.throwsError(code: "cart.exists", "a second insert of one cart") {
            try subject.store.transaction(tenantID: tenant) { try $0.carts.insert(cart, tenantID: tenant) }
        }

        var changed = cart
        changed.lines[0].quantity = 5
        changed.updatedAt = OrderFixtures.epoch.addingTimeInterval(10)
        let stored = try subject.store.transaction(tenantID: tenant) { try $0.carts.update(changed, tenantID: tenant) }
        try Expect.equal(stored.revision, cart.revision + 1, "revision after update")
        try subject.store.transaction(tenantID: tenant) { transaction in
            try Expect.that(try transaction.carts.find(id: cart.id, tenantID: tenant) == stored, "stored cart")
        }
        try Expect.throwsError(code: "cart.changed", "update from a stale copy") {
            try subject.store.transaction(tenantID: tenant) { try $0.carts.update(changed, tenantID: tenant) }
        }
        try Expect.throwsError(code: "cart.not_found", "update of an unknown cart") {
            let unknown = OrderFixtures.cart(tenantID: tenant)
            return try subject.store.transaction(tenantID: tenant) { try $0.carts.update(unknown, tenantID: tenant) }
        }
    }

    static func openCustomerCart(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let customer = UUID()
        var done = OrderFixtures.cart(tenantID: tenant, owner: .customer(customer))
        done.checkedOutOrderID = UUID()
        let open = OrderFixtures.cart(tenantID: tenant, owner: .customer(customer))
        let someoneElse = OrderFixtures.cart(tenantID: tenant, owner: .customer(UUID()))
        try subject.store.transaction(tenantID: tenant) { transaction in
            for cart in [done, open, someoneElse] { try transaction.carts.insert(cart, tenantID: tenant) }
        }
        try subject.store.transaction(tenantID: tenant) { transaction in
            try Expect.that(
                try transaction.carts.findOpen(customerID: customer, tenantID: tenant)?.id == open.id,
                "the customer's open cart")
            try Expect.that(
                try transaction.carts.findOpen(customerID: UUID(), tenantID: tenant) == nil, "a customer without a cart"
            )
        }
    }

    static func settingsRoundTrip(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        try subject.store.transaction(tenantID: tenant) { transaction in
            try Expect.equal(try transaction.settings.settings(tenantID: tenant), .defaults, "settings before saving")
            try transaction.settings.save(settings, tenantID: tenant)
        }
        try subject.store.transaction(tenantID: tenant) { transaction in
            try Expect.equal(try transaction.settings.settings(tenantID: tenant), settings, "saved settings")
        }
    }
}
