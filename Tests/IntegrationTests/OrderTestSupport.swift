import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Shop set-up, carts and checkouts through Caddy, for the order tests.
extension PlatformHarness {
    /// Creates a product with one variant of `stock` units at `price` and returns the variant's id.
    func makeVariant(in shop: Shop, title: String = "Jamdani Saree", price: String = "4500.00", stock: Int) throws
        -> String
    {
        let product = try createProduct(in: shop, Self.productFields(title: title, price: price, stock: stock))
        guard let variants = product["variants"] as? [[String: Any]], let id = variants.first?["id"] as? String else {
            throw HarnessError("the new product has no variant: \(product)")
        }
        return id
    }

    /// Returns the variant's available units, read through the catalog's staff inventory route.
    func available(_ variantID: String, in shop: Shop) throws -> Int {
        let reply = try send(.get, "/api/v1/inventory/\(variantID)", host: shop.host, token: shop.ownerToken)
        guard reply.status == 200, let available = reply.json["available"] as? Int else {
            throw HarnessError("reading stock of \(variantID) failed with \(reply.status): \(reply.text)")
        }
        return available
    }

    /// Makes a guest cart holding `quantity` units of each variant and returns its id and token.
    /// `base` sends the requests to an order-svc of the test's own instead of through Caddy.
    func makeCart(in shop: Shop, variants: [String], quantity: Int = 1, base: String? = nil) throws
        -> (id: String, token: String)
    {
        let created = try send(.post, "/api/v1/carts", host: shop.host, base: base)
        guard created.status == 201, let id = created.json["id"] as? String, let token = created.json["token"] as? String
        else {
            throw HarnessError("creating a cart failed with \(created.status): \(created.text)")
        }
        for variant in variants {
            let added = try send(
                .post, "/api/v1/carts/\(id)/lines", host: shop.host, headers: [("X-Cart-Token", token)],
                body: Self.jsonBytes(["variant_id": variant, "quantity": quantity]), base: base)
            guard added.status == 200 else {
                throw HarnessError("adding \(variant) to the cart failed with \(added.status): \(added.text)")
            }
        }
        return (id, token)
    }

    /// Sends `POST /api/v1/checkout` for the cart under `key`.
    func checkout(
        _ cart: (id: String, token: String), in shop: Shop, key: String, discountCode: String? = nil,
        email: String = "nusrat@example.com", base: String? = nil
    ) throws -> Reply {
        var body = Self.checkoutBody(cartID: cart.id, email: email)
        if let discountCode { body["discount_code"] = discountCode }
        return try send(
            .post, "/api/v1/checkout", host: shop.host,
            headers: [("X-Cart-Token", cart.token), ("Idempotency-Key", key)], body: Self.jsonBytes(body), base: base)
    }

    /// Changes the shop's checkout settings as its owner; fails unless the response is 200.
    func configureOrders(_ shop: Shop, _ settings: [String: Any]) throws {
        let reply = try send(.patch, "/api/v1/orders/settings", host: shop.host, token: shop.ownerToken, json: settings)
        guard reply.status == 200 else { throw HarnessError("saving settings failed with \(reply.status): \(reply.text)") }
    }

    /// Saves the discount `code` with `fields` as the shop's owner; fails unless the response is 200.
    func saveDiscount(_ code: String, in shop: Shop, _ fields: [String: Any]) throws {
        let reply = try send(
            .put, "/api/v1/orders/discounts/\(code)", host: shop.host, token: shop.ownerToken, json: fields)
        guard reply.status == 200 else {
            throw HarnessError("saving discount \(code) failed with \(reply.status): \(reply.text)")
        }
    }

    /// Reads an order as the shop's owner.
    func order(_ id: String, in shop: Shop, base: String? = nil) throws -> [String: Any] {
        let reply = try send(.get, "/api/v1/orders/\(id)", host: shop.host, token: shop.ownerToken, base: base)
        guard reply.status == 200 else { throw HarnessError("reading order \(id) failed with \(reply.status): \(reply.text)") }
        return reply.json
    }

    /// Polls the order every 200 ms until `done` accepts it, for at most `timeout` seconds.
    func waitForOrder(
        _ id: String, in shop: Shop, base: String? = nil, timeout: Double, until done: ([String: Any]) -> Bool
    ) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String: Any] = [:]
        while Date() < deadline {
            last = try order(id, in: shop, base: base)
            if done(last) { return last }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw HarnessError("order \(id) did not reach the expected state within \(timeout) s; last: \(last)")
    }

    static func checkoutBody(cartID: String, email: String) -> [String: Any] {
        [
            "cart_id": cartID, "email": email, "shipping_method": "standard",
            "shipping_address": [
                "name": "Nusrat Jahan", "line1": "House 12, Road 5", "city": "Dhaka", "district": "Dhaka",
                "postcode": "1207", "country": "BD", "phone": "01712345678",
            ],
        ]
    }

    static func jsonBytes(_ object: [String: Any]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }
}

extension PlatformHarness.Reply {
    /// The `order` object of a checkout response.
    var placedOrder: [String: Any]? { json["order"] as? [String: Any] }
}

/// Runs work items on a fixed number of threads, so that load stays bounded.
enum BoundedConcurrency {
    /// Runs `body(index)` for every index in `0..<count` on at most `threads` threads, and waits
    /// at most `timeout` seconds; throws when the work did not finish in time.
    static func run(_ count: Int, threads: Int = 32, timeout: Double = 300, _ body: @escaping @Sendable (Int) -> Void)
        throws
    {
        let indexes = IndexQueue(count: count)
        let group = DispatchGroup()
        for _ in 0..<min(threads, count) {
            group.enter()
            Thread.detachNewThread {
                while let index = indexes.next() { body(index) }
                group.leave()
            }
        }
        guard group.wait(timeout: .now() + timeout) == .success else {
            throw HarnessError("\(count) work items did not finish within \(timeout) s")
        }
    }

    /// Hands out the indexes `0..<count` once each.
    private final class IndexQueue: Sendable {
        private let count: Int
        private let taken = Atomic<Int>(0)

        init(count: Int) {
            self.count = count
        }

        func next() -> Int? {
            let index = taken.add(1, ordering: .relaxed).oldValue
            return index < count ? index : nil
        }
    }
}

/// Values collected from many threads.
final class Collected<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}

/// Payment events written onto a Redis stream the way an outbox relay publishes them.
enum OrderEvents {
    static func paymentSucceeded(
        orderID: String, tenantID: UUID, amount: String, currency: String = "BDT",
        paymentID: String = "pay_\(UUID().uuidString.prefix(12))"
    ) throws -> EventEnvelope {
        EventEnvelope(
            type: "payment.succeeded", tenantID: tenantID,
            data: .object([
                "order_id": .string(orderID), "payment_id": .string(paymentID),
                "amount": .object(["amount": .string(amount), "currency": .string(currency)]),
            ]))
    }

    static func paymentID(of envelope: EventEnvelope) -> String {
        guard case .object(let members) = envelope.data, case .string(let id)? = members["payment_id"] else { return "" }
        return id
    }

    /// Adds the envelope to `stream` with the fields that `OutboxRelay` writes.
    static func publish(_ envelope: EventEnvelope, redis: RedisClient, stream: String = EventStreams.main) throws {
        try redis.command([
            "XADD", stream, "*", "envelope", try envelope.jsonText(), "type", envelope.type,
            "tenant_id", envelope.tenantID.uuidString.lowercased(),
        ])
    }
}
