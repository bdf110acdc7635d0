import CommonKernel
import Foundation
import OrderCore
import XCTest

final class OrderQueryTests: XCTestCase {
    /// Dhaka has kept UTC+6 without daylight saving time since 2009.
    private let timeZones = FixedTimeZoneDirectory([
        ZoneRules(identifier: "Asia/Dhaka", initialOffset: 6 * 3600), ZoneRules(identifier: "UTC", initialOffset: 0),
    ])

    private func listOrders(_ shop: Shop, _ filter: ListOrders.Filter) throws -> OrderPage {
        try ListOrders(store: shop.store, timeZones: timeZones).execute(filter, tenant: shop.tenant)
    }

    func testPagesAreStableUnderInserts() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 100)
        for _ in 0..<5 { _ = try shop.checkout([saree]) }

        let first = try listOrders(shop, ListOrders.Filter(limit: 2))
        XCTAssertEqual(first.orders.map(\.number), [1005, 1004])
        let cursor = try XCTUnwrap(first.nextCursor?.encoded(tenantID: shop.tenant.id))
        for _ in 0..<3 { _ = try shop.checkout([saree]) }

        let second = try listOrders(shop, ListOrders.Filter(limit: 2, cursor: cursor))
        XCTAssertEqual(second.orders.map(\.number), [1003, 1002])
        let third = try listOrders(
            shop, ListOrders.Filter(limit: 2, cursor: second.nextCursor?.encoded(tenantID: shop.tenant.id)))
        XCTAssertEqual(third.orders.map(\.number), [1001])
        XCTAssertNil(third.nextCursor)
    }

    func testStatusAndEmailFilters() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 100)
        let first = try shop.checkout([saree]).order
        _ = try shop.checkout([saree])
        _ = try shop.markPaid.execute(
            orderID: first.id, paymentID: "pay_1", amount: first.totals.total, tenant: shop.tenant)
        let (cart, access) = try shop.guestCart([saree])
        let other = try shop.placeOrder.execute(
            shop.request(for: cart, email: "Rahim@Example.com"), idempotencyKey: "k", access: access,
            tenant: shop.tenant
        ).order

        XCTAssertEqual(try listOrders(shop, ListOrders.Filter(status: .paid)).orders.map(\.id), [first.id])
        XCTAssertEqual(try listOrders(shop, ListOrders.Filter(status: .pendingPayment)).orders.count, 2)
        XCTAssertEqual(try listOrders(shop, ListOrders.Filter(email: "rahim@example.com")).orders.map(\.id), [other.id])
    }

    func testDateRangeUsesTenantTimeZone() throws {
        let shop = Shop(timeZone: "Asia/Dhaka")
        try shop.configure()
        let saree = shop.addVariant(stock: 100)
        // 2027-03-14 18:30 UTC is 2027-03-15 00:30 in Dhaka (UTC+6).
        let lateEvening = try XCTUnwrap(RFC3339.date(from: "2027-03-14T18:30:00.000Z"))
        let shop15 = TestClock(lateEvening)
        let placeOrder = PlaceOrder(
            store: shop.store, catalog: shop.catalog, stock: shop.catalog, clock: shop15.function)
        let (cart, access) = try shop.guestCart([saree])
        let order = try placeOrder.execute(
            shop.request(for: cart), idempotencyKey: "k", access: access, tenant: shop.tenant
        ).order
        _ = try shop.checkout([saree])  // placed on 2027-01-15 by the shop's own clock

        let dhakaDay = try listOrders(shop, ListOrders.Filter(placedFrom: "2027-03-15", placedTo: "2027-03-15"))
        XCTAssertEqual(dhakaDay.orders.map(\.id), [order.id])
        let previousDay = try listOrders(shop, ListOrders.Filter(placedFrom: "2027-03-14", placedTo: "2027-03-14"))
        XCTAssertEqual(previousDay.orders, [])
        let openStart = try listOrders(shop, ListOrders.Filter(placedFrom: "2027-02-01"))
        XCTAssertEqual(openStart.orders.map(\.id), [order.id])

        var utcTenant = shop.tenant
        utcTenant.timeZone = "UTC"
        let utcDay = try ListOrders(store: shop.store, timeZones: timeZones).execute(
            ListOrders.Filter(placedFrom: "2027-03-14", placedTo: "2027-03-14"), tenant: utcTenant)
        XCTAssertEqual(utcDay.orders.map(\.id), [order.id])
    }

    func testInvalidFiltersAreListed() throws {
        let shop = Shop()
        let error = assertAppError(code: "request.invalid_fields") {
            try listOrders(
                shop,
                ListOrders.Filter(
                    placedFrom: "2027-02-30", placedTo: "15/01/2027", email: "nope", limit: 0, cursor: "garbage"))
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["limit", "placed_from", "placed_to", "email", "cursor"])
        let reversed = assertAppError(code: "request.invalid_fields") {
            try listOrders(shop, ListOrders.Filter(placedFrom: "2027-01-15", placedTo: "2027-01-14"))
        }
        XCTAssertEqual(reversed?.fieldErrors.map(\.field), ["placed_to"])
        assertAppError(code: "request.invalid_fields") { try listOrders(shop, ListOrders.Filter(limit: 101)) }
    }

    func testCursorRoundTrip() throws {
        let shop = UUID()
        let cursor = OrderCursor(afterNumber: 1234)
        XCTAssertEqual(try OrderCursor(encoded: cursor.encoded(tenantID: shop), tenantID: shop), cursor)
        XCTAssertFalse(cursor.encoded(tenantID: shop).contains("="))
        let encode = { (text: String) in CursorText.encode(text, scope: "tenant=\(shop.lowercasedString)") }
        XCTAssertEqual(try OrderCursor(encoded: encode("v1|12"), tenantID: shop).afterNumber, 12)
        let unchecked = Data("v1|12".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let unscoped = CursorText.encode("v1|12")
        for bad in ["", "djF8", "v1|12", unchecked, unscoped, encode("v2|12"), encode("v1|-3"), encode("v1|x")] {
            assertAppError(code: "request.invalid_fields", bad) { try OrderCursor(encoded: bad, tenantID: shop) }
        }
    }

    func testCursorOfOtherShopIsRejected() throws {
        let shop = Shop()
        try shop.configure()
        let saree = shop.addVariant(stock: 100)
        for _ in 0..<3 { _ = try shop.checkout([saree]) }
        let first = try listOrders(shop, ListOrders.Filter(limit: 1))
        let otherShop = try XCTUnwrap(first.nextCursor?.encoded(tenantID: UUID()))

        let error = assertAppError(code: "request.invalid_fields") {
            try listOrders(shop, ListOrders.Filter(limit: 1, cursor: otherShop))
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["cursor"])
    }

    func testCustomerFindsOrderByNumberAndEmail() throws {
        let shop = Shop()
        try shop.configure()
        let order = try shop.checkout([shop.addVariant()]).order
        let find = FindCustomerOrder(store: shop.store)
        XCTAssertEqual(
            try find.execute(
                .numberAndEmail(number: order.number, email: " CUSTOMER@example.com "), tenant: shop.tenant
            ).id,
            order.id)
        for lookup in [
            FindCustomerOrder.Lookup.numberAndEmail(number: order.number, email: "other@example.com"),
            .numberAndEmail(number: order.number + 1, email: "customer@example.com"),
        ] {
            assertAppError(code: "order.not_found") { try find.execute(lookup, tenant: shop.tenant) }
        }
        assertAppError(code: "order.not_found") {
            try find.execute(.numberAndEmail(number: order.number, email: "customer@example.com"), tenant: makeTenant())
        }
    }

    func testCustomerFindsOrderByStatusToken() throws {
        let shop = Shop()
        try shop.configure()
        let order = try shop.checkout([shop.addVariant()]).order
        let find = FindCustomerOrder(store: shop.store)
        XCTAssertEqual(try find.execute(.statusToken(order.statusToken), tenant: shop.tenant).id, order.id)
        XCTAssertTrue(order.statusToken.hasPrefix(order.id.uuidString.lowercased() + "."))

        let tampered = String(order.statusToken.dropLast()) + (order.statusToken.last == "A" ? "B" : "A")
        for token in [
            tampered, order.id.uuidString, "", "not-a-uuid.\(order.accessToken)", "\(UUID()).\(order.accessToken)",
        ] {
            assertAppError(code: "order.not_found", token) {
                try find.execute(.statusToken(token), tenant: shop.tenant)
            }
        }
    }

    func testGetOrderIsTenantScoped() throws {
        let shop = Shop()
        try shop.configure()
        let order = try shop.checkout([shop.addVariant()]).order
        XCTAssertEqual(try GetOrder(store: shop.store).execute(orderID: order.id, tenant: shop.tenant), order)
        assertAppError(code: "order.not_found") {
            try GetOrder(store: shop.store).execute(orderID: order.id, tenant: makeTenant())
        }
    }
}
