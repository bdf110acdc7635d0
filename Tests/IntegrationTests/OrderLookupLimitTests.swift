import CommonKernel
import Foundation
import XCTest

/// `GET /api/v1/orders/lookup` through Caddy: wrong pairs look like unknown orders, and guessing
/// is limited per e-mail and per client address.
final class OrderLookupLimitTests: XCTestCase {
    func testWrongPairLooksLikeUnknownOrder() throws {
        let platform = try PlatformHarness.load()
        let (shop, number) = try placeOrder(platform, prefix: "lookup-same", email: "rahim@example.com")

        let found = try lookup(platform, shop, number: number, email: "Rahim@Example.com")
        XCTAssertEqual(found.status, 200, found.text)
        XCTAssertEqual(found.json["number"] as? Int, number, found.text)

        let wrongEmail = try lookup(platform, shop, number: number, email: "karim@example.com")
        let unknownNumber = try lookup(platform, shop, number: number + 1_000, email: "rahim@example.com")
        XCTAssertEqual(wrongEmail.status, 404, wrongEmail.text)
        XCTAssertEqual(unknownNumber.status, 404, unknownNumber.text)
        XCTAssertEqual(withoutRequestID(wrongEmail), withoutRequestID(unknownNumber))
    }

    func testNumberBeyondStoredRangeLooksUnknown() throws {
        let platform = try PlatformHarness.load()
        let (shop, _) = try placeOrder(platform, prefix: "lookup-range", email: "nadia@example.com")
        let largest = try lookupText(platform, shop, number: "2147483647", email: "nadia@example.com")
        XCTAssertEqual(largest.status, 404, largest.text)

        // The first is one past the largest stored number. The last does not fit in 64 bits.
        for number in ["2147483648", "9223372036854775807", "%2399999999999999999999"] {
            let reply = try lookupText(platform, shop, number: number, email: "nadia@example.com")
            XCTAssertEqual(reply.status, 404, "number \(number): \(reply.text)")
            XCTAssertEqual(withoutRequestID(reply), withoutRequestID(largest), "number \(number)")
        }
    }

    func testLookupsPerEmailAreLimited() throws {
        let platform = try PlatformHarness.load()
        waitForFreshMinute()
        let (shop, number) = try placeOrder(platform, prefix: "lookup-mail", email: "salma@example.com")

        // Letter case and spaces do not make a new e-mail for the limit.
        let emails = ["salma@example.com", "SALMA@example.com", " Salma@Example.com "]
        var statuses: [Int] = []
        for attempt in 0..<12 {
            let reply = try lookup(platform, shop, number: number + 1 + attempt, email: emails[attempt % emails.count])
            statuses.append(reply.status)
        }
        XCTAssertEqual(Array(statuses.prefix(10)), Array(repeating: 404, count: 10))
        XCTAssertEqual(Array(statuses.dropFirst(10)), [429, 429])

        let limited = try lookup(platform, shop, number: number, email: "salma@example.com")
        XCTAssertEqual(limited.status, 429, "the right pair is limited too: \(limited.text)")
        XCTAssertEqual(limited.problemCode, "rate_limit.exceeded")
        let retryAfter = try XCTUnwrap(limited.headers["Retry-After"].flatMap { Int($0) }, "\(limited.headers)")
        XCTAssertTrue((1...60).contains(retryAfter), "Retry-After \(retryAfter)")

        let otherEmail = try lookup(platform, shop, number: number, email: "other@example.com")
        XCTAssertEqual(otherEmail.status, 404, "another e-mail keeps its own count: \(otherEmail.text)")
    }

    func testClientAddressLimitIgnoresSentForwardedFor() throws {
        let platform = try PlatformHarness.load()
        waitForFreshMinute()
        let shop = try platform.createShop(prefix: "lookup-addr")

        // Every request claims another client address; Caddy replaces the header, so all of
        // them count against the one address the test connects from.
        var statuses: [Int] = []
        for attempt in 0..<32 {
            let reply = try lookup(
                platform, shop, number: 1_001, email: "guess\(attempt)@example.com",
                headers: [("X-Forwarded-For", "203.0.113.\(attempt + 1)")])
            statuses.append(reply.status)
        }
        XCTAssertEqual(Array(statuses.prefix(30)), Array(repeating: 404, count: 30))
        XCTAssertEqual(Array(statuses.dropFirst(30)), [429, 429])
    }

    private func placeOrder(_ platform: PlatformHarness, prefix: String, email: String) throws -> (Shop, Int) {
        let shop = try platform.createShop(prefix: prefix)
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let cart = try platform.makeCart(in: shop, variants: [variant])
        let placed = try platform.checkout(cart, in: shop, key: UUID().uuidString, email: email)
        let number = try XCTUnwrap(placed.placedOrder?["number"] as? Int, placed.text)
        return (shop, number)
    }

    private func lookup(
        _ platform: PlatformHarness, _ shop: Shop, number: Int, email: String, headers: [(String, String)] = []
    ) throws -> PlatformHarness.Reply {
        try lookupText(platform, shop, number: String(number), email: email, headers: headers)
    }

    /// Looks up `number` as sent in the query, already percent-encoded.
    private func lookupText(
        _ platform: PlatformHarness, _ shop: Shop, number: String, email: String, headers: [(String, String)] = []
    ) throws -> PlatformHarness.Reply {
        let address = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email
        return try platform.send(
            .get, "/api/v1/orders/lookup?number=\(number)&email=\(address)", host: shop.host, headers: headers)
    }

    private func withoutRequestID(_ reply: PlatformHarness.Reply) -> NSDictionary {
        var json = reply.json
        json["request_id"] = nil
        return json as NSDictionary
    }

    /// Waits for the next minute when less than 20 seconds of this one remain, because the
    /// limiter counts per wall-clock minute and a test's lookups must share one window.
    private func waitForFreshMinute() {
        let second = Int(Date().timeIntervalSince1970) % 60
        if second > 40 { Thread.sleep(forTimeInterval: TimeInterval(61 - second)) }
    }
}
