import CommonKernel
import FoundationEssentials

enum TransactionChecks {
    static let all: [OrderStoreContract.Check] = [
        .init(name: "rollback discards every write", run: rollbackDiscardsWrites),
        .init(name: "rows of another tenant are invisible", run: tenantIsolation),
        .init(name: "events commit with their transaction", run: eventsFollowTransaction),
    ]

    static func rollbackDiscardsWrites(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let store = subject.store
        try store.transaction(tenantID: tenant) { try $0.discounts.save(DiscountChecks.limited(2), tenantID: tenant) }
        let cart = OrderFixtures.cart(tenantID: tenant)

        do {
            try store.transaction(tenantID: tenant) { transaction in
                try transaction.carts.insert(cart, tenantID: tenant)
                let number = try transaction.orders.allocateNumber(tenantID: tenant)
                let order = try OrderFixtures.order(tenantID: tenant, number: number)
                try transaction.orders.insert(order, tenantID: tenant)
                _ = try transaction.discounts.redeem(
                    code: "LIMITED", orderID: order.id, tenantID: tenant, at: OrderFixtures.epoch)
                _ = try transaction.checkoutAttempts.begin(IdempotencyChecks.attempt("rolled-back"), tenantID: tenant)
                try transaction.settings.save(CartAndSettingsChecks.settings, tenantID: tenant)
                try transaction.events.append(.order("placed", order, at: OrderFixtures.epoch), tenantID: tenant)
                throw IntentionalRollback()
            }
        } catch is IntentionalRollback {}

        try store.transaction(tenantID: tenant) { transaction in
            try Expect.that(try transaction.carts.find(id: cart.id, tenantID: tenant) == nil, "cart after rollback")
            try Expect.equal(try transaction.orders.find(number: 1001, tenantID: tenant), nil, "order after rollback")
            try Expect.equal(
                try transaction.discounts.find(code: "LIMITED", tenantID: tenant)?.usageCount, 0, "discount uses")
            try Expect.equal(
                try transaction.checkoutAttempts.find(key: "rolled-back", tenantID: tenant), nil, "attempt")
            try Expect.equal(try transaction.settings.settings(tenantID: tenant), .defaults, "settings")
            try Expect.equal(try transaction.orders.allocateNumber(tenantID: tenant), 1001, "number after rollback")
        }
        try Expect.equal(try subject.events(tenant), [], "events after rollback")
    }

    static func tenantIsolation(_ subject: OrderStoreUnderTest) throws {
        let owner = UUID()
        let stranger = UUID()
        let store = subject.store
        let order = try OrderFixtures.order(tenantID: owner, number: 1001)
        let cart = OrderFixtures.cart(tenantID: owner)
        try store.transaction(tenantID: owner) { transaction in
            try transaction.orders.insert(order, tenantID: owner)
            try transaction.carts.insert(cart, tenantID: owner)
            try transaction.discounts.save(DiscountChecks.limited(2), tenantID: owner)
            _ = try transaction.checkoutAttempts.begin(IdempotencyChecks.attempt("owner-key"), tenantID: owner)
            try transaction.settings.save(CartAndSettingsChecks.settings, tenantID: owner)
        }

        try store.transaction(tenantID: stranger) { transaction in
            try Expect.equal(try transaction.orders.find(id: order.id, tenantID: stranger), nil, "order by id")
            try Expect.equal(try transaction.orders.find(number: 1001, tenantID: stranger), nil, "order by number")
            try Expect.equal(
                try transaction.orders.list(OrderQuery(), tenantID: stranger).orders, [], "listing of another tenant")
            try Expect.that(try transaction.carts.find(id: cart.id, tenantID: stranger) == nil, "cart")
            try Expect.equal(try transaction.discounts.find(code: "LIMITED", tenantID: stranger), nil, "discount")
            try Expect.equal(
                try transaction.checkoutAttempts.find(key: "owner-key", tenantID: stranger), nil, "attempt")
            try Expect.equal(try transaction.settings.settings(tenantID: stranger), .defaults, "settings")
            try Expect.equal(try transaction.orders.allocateNumber(tenantID: stranger), 1001, "numbering")
        }
    }

    static func eventsFollowTransaction(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let order = try OrderFixtures.order(tenantID: tenant, number: 1001)
        let event = OrderEvent.order("placed", order, at: OrderFixtures.epoch)
        try subject.store.transaction(tenantID: tenant) { try $0.events.append(event, tenantID: tenant) }
        do {
            try subject.store.transaction(tenantID: tenant) { transaction in
                try transaction.events.append(.order("paid", order, at: OrderFixtures.epoch), tenantID: tenant)
                throw IntentionalRollback()
            }
        } catch is IntentionalRollback {}

        try Expect.equal(try subject.events(tenant), [event], "committed events")
        try Expect.equal(try subject.events(UUID()), [], "events of another tenant")
        let other = UUID()
        try Expect.throwsError(code: "order.tenant_mismatch", "event of another tenant") {
            try subject.store.transaction(tenantID: other) { try $0.events.append(event, tenantID: other) }
        }
    }
}
