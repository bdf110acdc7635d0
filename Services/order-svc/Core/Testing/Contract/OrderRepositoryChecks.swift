import CommonKernel
import Dispatch
import FoundationEssentials
import Glibc

enum OrderRepositoryChecks {
    static let all: [OrderStoreContract.Check] = [
        .init(name: "order numbers start at 1001 per tenant", run: numbersStartPerTenant),
        .init(name: "concurrent numbering leaves no gaps", run: concurrentNumbering),
        .init(name: "order number is unique per tenant", run: uniqueNumbers),
        .init(name: "order round trip keeps every field", run: roundTrip),
        .init(name: "order update checks the version", run: versionCheck),
    ]

    static func numbersStartPerTenant(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let numbers = try (0..<3).map { _ in
            try subject.store.transaction(tenantID: tenant) { try $0.orders.allocateNumber(tenantID: tenant) }
        }
        try Expect.equal(numbers, [1001, 1002, 1003], "first numbers")
        let other = UUID()
        try Expect.equal(
            try subject.store.transaction(tenantID: other) { try $0.orders.allocateNumber(tenantID: other) }, 1001,
            "another tenant's first number")
    }

    static func concurrentNumbering(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let outcomes = ConcurrentNumbers()
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            do {
                let number = try subject.store.transaction(tenantID: tenant) { transaction in
                    let number = try transaction.orders.allocateNumber(tenantID: tenant)
                    // Every third transaction rolls back; its number must be handed out again.
                    if index % 3 == 0 { throw IntentionalRollback() }
                    try transaction.orders.insert(
                        try OrderFixtures.order(tenantID: tenant, number: number), tenantID: tenant)
                    return number
                }
                outcomes.record(number)
            } catch is IntentionalRollback {
            } catch {
                outcomes.record(error)
            }
        }
        try Expect.equal(outcomes.errors, [], "unexpected errors")
        let committed = (0..<200).filter { $0 % 3 != 0 }.count
        try Expect.equal(outcomes.numbers.sorted(), Array(1001..<(1001 + committed)), "committed numbers")
    }

    static func uniqueNumbers(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        try OrderFixtures.insert(try OrderFixtures.order(tenantID: tenant, number: 1001), into: subject.store)
        try Expect.throwsError(code: "order.number_taken", "a second order #1001") {
            try OrderFixtures.insert(try OrderFixtures.order(tenantID: tenant, number: 1001), into: subject.store)
        }
        try OrderFixtures.insert(try OrderFixtures.order(tenantID: UUID(), number: 1001), into: subject.store)
    }

    static func roundTrip(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        var order = try OrderFixtures.order(tenantID: tenant, number: 1001)
        order.fulfillment = Fulfillment(
            trackingNumber: "PTH-77", carrier: "Pathao", fulfilledAt: OrderFixtures.epoch.addingTimeInterval(60))
        order.payments.append(
            PaymentRecord(
                kind: .payment, reference: "pay_1", amount: order.totals.total,
                occurredAt: OrderFixtures.epoch.addingTimeInterval(30)))
        try OrderFixtures.insert(order, into: subject.store)

        try subject.store.transaction(tenantID: tenant) { transaction in
            try Expect.equal(try transaction.orders.find(id: order.id, tenantID: tenant), order, "order by id")
            try Expect.equal(try transaction.orders.find(number: 1001, tenantID: tenant), order, "order by number")
            try Expect.equal(try transaction.orders.find(id: UUID(), tenantID: tenant), nil, "unknown id")
            for number in [0, Order.numberRange.upperBound + 1, Int.max] {
                try Expect.equal(
                    try transaction.orders.find(number: number, tenantID: tenant), nil, "number \(number) out of range")
            }
        }
    }

    static func versionCheck(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let order = try OrderFixtures.order(tenantID: tenant, number: 1001)
        try OrderFixtures.insert(order, into: subject.store)
        var changed = order
        try changed.transition(to: .paid, by: .system, at: OrderFixtures.epoch.addingTimeInterval(5))

        let stored = try subject.store.transaction(tenantID: tenant) { try $0.orders.update(changed, tenantID: tenant) }
        try Expect.equal(stored.version, 2, "version after update")
        try Expect.equal(stored.status, .paid, "status after update")
        try subject.store.transaction(tenantID: tenant) { transaction in
            try Expect.equal(try transaction.orders.find(id: order.id, tenantID: tenant), stored, "stored order")
        }
        try Expect.throwsError(code: "order.version_conflict", "update from a stale copy") {
            try subject.store.transaction(tenantID: tenant) { try $0.orders.update(changed, tenantID: tenant) }
        }
        try Expect.throwsError(code: "order.not_found", "update of an unknown order") {
            let unknown = try OrderFixtures.order(tenantID: tenant, number: 1002)
            return try subject.store.transaction(tenantID: tenant) { try $0.orders.update(unknown, tenantID: tenant) }
        }
    }
}
