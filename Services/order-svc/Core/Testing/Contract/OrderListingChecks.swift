import CommonKernel
import FoundationEssentials

enum OrderListingChecks {
    static let all: [OrderStoreContract.Check] = [
        .init(name: "order listing filters and pages", run: filtersAndPages),
        .init(name: "expired holds and pending stock changes", run: maintenanceQueries),
    ]

    static func filtersAndPages(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let day: TimeInterval = 86_400
        let orders = [
            try OrderFixtures.order(tenantID: tenant, number: 1001, email: "Rahim@example.com"),
            try OrderFixtures.order(tenantID: tenant, number: 1002, status: .paid, placedAt: OrderFixtures.epoch + day),
            try OrderFixtures.order(tenantID: tenant, number: 1003, placedAt: OrderFixtures.epoch + 2 * day),
            try OrderFixtures.order(
                tenantID: tenant, number: 1004, status: .paid, placedAt: OrderFixtures.epoch + 3 * day),
        ]
        for order in orders { try OrderFixtures.insert(order, into: subject.store) }
        let list = { (query: OrderQuery) in
            try subject.store.transaction(tenantID: tenant) { try $0.orders.list(query, tenantID: tenant) }
        }

        try Expect.equal(try list(OrderQuery()).orders.map(\.number), [1004, 1003, 1002, 1001], "newest first")
        try Expect.equal(try list(OrderQuery(status: .paid)).orders.map(\.number), [1004, 1002], "status filter")
        try Expect.equal(
            try list(OrderQuery(email: try EmailAddress("rahim@EXAMPLE.com"))).orders.map(\.number), [1001],
            "email filter ignores case")
        try Expect.equal(
            try list(OrderQuery(placedFrom: OrderFixtures.epoch + day, placedBefore: OrderFixtures.epoch + 3 * day))
                .orders.map(\.number), [1003, 1002], "placement range, end excluded")

        let first = try list(OrderQuery(limit: 3))
        try Expect.equal(first.orders.map(\.number), [1004, 1003, 1002], "first page")
        try Expect.equal(first.nextCursor, OrderCursor(afterNumber: 1002), "cursor after the first page")
        let second = try list(OrderQuery(limit: 3, cursor: first.nextCursor))
        try Expect.equal(second.orders.map(\.number), [1001], "second page")
        try Expect.equal(second.nextCursor, nil, "cursor after the last page")
        let exact = try list(OrderQuery(limit: 4))
        try Expect.equal(exact.nextCursor, nil, "cursor when the page holds every order")
    }

    static func maintenanceQueries(_ subject: OrderStoreUnderTest) throws {
        let tenant = UUID()
        let early = try OrderFixtures.order(tenantID: tenant, number: 1001, holdSeconds: 60)
        let late = try OrderFixtures.order(tenantID: tenant, number: 1002, holdSeconds: 3600)
        let paid = try OrderFixtures.order(tenantID: tenant, number: 1003, status: .paid, holdSeconds: 60)
        let cancelled = try OrderFixtures.order(tenantID: tenant, number: 1004, status: .cancelled, holdSeconds: 30)
        let settled = try OrderFixtures.order(tenantID: tenant, number: 1005, status: .paid, stock: .committed)
        for order in [early, late, paid, cancelled, settled] { try OrderFixtures.insert(order, into: subject.store) }

        try subject.store.transaction(tenantID: tenant) { transaction in
            let at = OrderFixtures.epoch.addingTimeInterval(60)
            try Expect.equal(
                try transaction.orders.expiredHolds(at: at, limit: 10, tenantID: tenant).map(\.number), [1001],
                "unpaid orders whose hold ended at or before the time")
            try Expect.equal(
                try transaction.orders.expiredHolds(at: at + 3600, limit: 1, tenantID: tenant).map(\.number), [1001],
                "expired holds, earliest first and limited")
            try Expect.equal(
                try transaction.orders.pendingStockChanges(limit: 10, tenantID: tenant).map(\.number), [1003, 1004],
                "orders whose status asks for a stock change")
        }
    }
}
