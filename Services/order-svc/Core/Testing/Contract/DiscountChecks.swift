import CommonKernel
import Dispatch
import FoundationEssentials
import Glibc

enum DiscountChecks {
    static let all: [OrderStoreContract.Check] = [
        .init(name: "discount redemptions stop at the limit", run: redemptionLimit),
        .init(name: "discount save keeps the usage count", run: saveKeepsCount),
        .init(name: "concurrent redemptions respect the limit", run: concurrentRedemptions),
    ]

    /// Makes a 10% code named LIMITED that `limit` orders may use.
    static func limited(_ limit: Int?) -> Discount {
        Discount(
            code: "limited", value: .percentage(basisPoints: 1000),
            minimumSubtotal: Money(minorUnits: 100, currency: .bdt),
            usageLimit: limit, startsAt: OrderFixtures.epoch, endsAt: OrderFixtures.epoch.addingTimeInterval(86_400))
    }

    static func redemptionLimit(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let (first, second, third) = (UUID(), UUID(), UUID())
        try subject.store.transaction(tenantID: tenant) { transaction in
            try transaction.discounts.save(limited(2), tenantID: tenant)
            let redeem = { (order: UUID) in
                try transaction.discounts.redeem(
                    code: " Limited ", orderID: order, tenantID: tenant, at: OrderFixtures.epoch)
            }
            try Expect.equal(try redeem(first).usageCount, 1, "uses after the first order")
            try Expect.equal(try redeem(first).usageCount, 1, "uses after the same order again")
            try Expect.equal(try redeem(second).usageCount, 2, "uses after the second order")
            try Expect.throwsError(code: "discount.exhausted", "a third order") { try redeem(third) }
            try Expect.equal(
                try transaction.discounts.redeemingOrders(code: "LIMITED", tenantID: tenant), [first, second],
                "redeeming orders")

            try Expect.that(
                try transaction.discounts.returnRedemption(code: "LIMITED", orderID: first, tenantID: tenant),
                "giving back a use")
            try Expect.that(
                !(try transaction.discounts.returnRedemption(code: "LIMITED", orderID: first, tenantID: tenant)),
                "giving back the same use twice")
            try Expect.equal(try redeem(third).usageCount, 2, "uses after a use came back")
            try Expect.throwsError(code: "discount.not_found", "an unknown code") {
                try transaction.discounts.redeem(
                    code: "NOPE", orderID: first, tenantID: tenant, at: OrderFixtures.epoch)
            }
        }
    }

    static func saveKeepsCount(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        try subject.store.transaction(tenantID: tenant) { transaction in
            try transaction.discounts.save(limited(5), tenantID: tenant)
            _ = try transaction.discounts.redeem(
                code: "LIMITED", orderID: UUID(), tenantID: tenant, at: OrderFixtures.epoch)
            var edited = limited(10)
            edited.isActive = false
            try transaction.discounts.save(edited, tenantID: tenant)
        }
        try subject.store.transaction(tenantID: tenant) { transaction in
            var expected = limited(10)
            expected.isActive = false
            expected.usageCount = 1
            try Expect.equal(
                try transaction.discounts.find(code: "limited", tenantID: tenant), expected, "stored discount")
        }
    }

    static func concurrentRedemptions(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        try subject.store.transaction(tenantID: tenant) { try $0.discounts.save(limited(5), tenantID: tenant) }
        let outcomes = ConcurrentNumbers()
        DispatchQueue.concurrentPerform(iterations: 100) { index in
            do {
                _ = try subject.store.transaction(tenantID: tenant) { transaction in
                    try transaction.discounts.redeem(
                        code: "LIMITED", orderID: UUID(), tenantID: tenant, at: OrderFixtures.epoch)
                }
                outcomes.record(index)
            } catch let error as AppError where error.code == "discount.exhausted" {
            } catch {
                outcomes.record(error)
            }
        }
        try Expect.equal(outcomes.errors, [], "unexpected errors")
        try Expect.equal(outcomes.numbers.count, 5, "successful redemptions")
        try subject.store.transaction(tenantID: tenant) { transaction in
            try Expect.equal(
                try transaction.discounts.find(code: "LIMITED", tenantID: tenant)?.usageCount, 5, "stored uses")
        }
    }
}
