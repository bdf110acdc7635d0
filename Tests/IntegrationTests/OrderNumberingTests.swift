import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Order numbers and idempotency keys under concurrent checkouts through Caddy.
final class OrderNumberingTests: XCTestCase {
    func testNumbersConsecutiveAndPerTenant() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-numbers")
        let other = try platform.createShop(prefix: "ord-numbers-b")
        let variant = try platform.makeVariant(in: shop, price: "100.00", stock: 10_000)
        let otherVariant = try platform.makeVariant(in: other, price: "100.00", stock: 100)

        let carts = Collected<(id: String, token: String)>()
        try BoundedConcurrency.run(500) { _ in
            if let cart = try? platform.makeCart(in: shop, variants: [variant]) { carts.append(cart) }
        }
        let all = carts.all
        XCTAssertEqual(all.count, 500, "not every cart was made")
        let replies = Collected<PlatformHarness.Reply>()
        try BoundedConcurrency.run(all.count) { index in
            if let reply = try? platform.checkout(all[index], in: shop, key: "numbers-\(index)") { replies.append(reply) }
        }
        let otherNumbers = try (0..<3).map { index -> Int? in
            let cart = try platform.makeCart(in: other, variants: [otherVariant])
            return try platform.checkout(cart, in: other, key: "numbers-\(index)").placedOrder?["number"] as? Int
        }

        let failed = replies.all.filter { $0.status != 201 }
        XCTAssertEqual(failed.count, 0, failed.prefix(3).map(\.text).joined(separator: "\n"))
        let numbers = replies.all.compactMap { $0.placedOrder?["number"] as? Int }.sorted()
        XCTAssertEqual(numbers.count, 500, "numbers returned")
        XCTAssertEqual(numbers, Array(1001...1500), "numbers are not consecutive and distinct")
        XCTAssertEqual(otherNumbers, [1001, 1002, 1003], "another shop's numbers")
        XCTAssertEqual(try platform.available(variant, in: shop), 9_500)
    }

    func testRepeatedKeyReturnsSameOrder() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-idem")
        let variant = try platform.makeVariant(in: shop, stock: 10)
        let cart = try platform.makeCart(in: shop, variants: [variant], quantity: 2)
        let key = "idem-\(UUID().uuidString)"

        // Concurrent repeats that meet the first request in flight get 409 with Retry-After, and a
        // client retries those; every request must end with the one order.
        let replies = Collected<PlatformHarness.Reply>()
        try BoundedConcurrency.run(20, threads: 20) { _ in
            for _ in 0..<50 {
                guard let reply = try? platform.checkout(cart, in: shop, key: key) else { continue }
                if reply.status == 409, reply.problemCode == "idempotency.in_progress" {
                    Thread.sleep(forTimeInterval: 0.1)
                    continue
                }
                replies.append(reply)
                return
            }
        }

        XCTAssertEqual(replies.all.count, 20, "requests that got a final answer")
        XCTAssertEqual(Set(replies.all.map(\.status)), [201], replies.all.map(\.text).joined(separator: "\n"))
        let ids = Set(replies.all.compactMap { $0.placedOrder?["id"] as? String })
        XCTAssertEqual(ids.count, 1, "orders returned for one key")
        let numbers = Set(replies.all.compactMap { $0.placedOrder?["number"] as? Int })
        XCTAssertEqual(numbers, [1001])
        let replayed = replies.all.filter { $0.headers["Idempotent-Replayed"] == "true" }
        XCTAssertEqual(replayed.count, 19, "answers marked as replays")
        XCTAssertEqual(try platform.available(variant, in: shop), 8, "stock reserved more than once")

        let listing = try platform.send(.get, "/api/v1/orders", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual((listing.json["orders"] as? [[String: Any]])?.count, 1, listing.text)

        let otherBody = try platform.checkout(cart, in: shop, key: key, email: "someone.else@example.com")
        XCTAssertEqual(otherBody.status, 409, otherBody.text)
        XCTAssertEqual(otherBody.problemCode, "idempotency.key_reused")
        let missingKey = try platform.send(
            .post, "/api/v1/checkout", host: shop.host, headers: [("X-Cart-Token", cart.token)],
            body: PlatformHarness.jsonBytes(PlatformHarness.checkoutBody(cartID: cart.id, email: "a@example.com")))
        XCTAssertEqual(missingKey.status, 422, missingKey.text)
        XCTAssertEqual(missingKey.fieldNames, ["Idempotency-Key"])
    }
}
