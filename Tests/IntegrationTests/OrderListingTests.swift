import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// The staff listing of orders and the staff actions on one order, through Caddy.
final class OrderListingTests: XCTestCase {
    func testListingFiltersAndPages() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-list")
        let variant = try platform.makeVariant(in: shop, price: "200.00", stock: 20)
        var ids: [String] = []
        for email in ["rahim@example.com", "karim@example.com", "Rahim@Example.com"] {
            let cart = try platform.makeCart(in: shop, variants: [variant])
            let placed = try platform.checkout(cart, in: shop, key: UUID().uuidString, email: email)
            ids.append(try XCTUnwrap(placed.placedOrder?["id"] as? String, placed.text))
        }
        let cancelled = try platform.send(
            .post, "/api/v1/orders/\(ids[1])/cancel", host: shop.host, token: shop.ownerToken, json: ["reason": "test"])
        XCTAssertEqual(cancelled.json["status"] as? String, "cancelled", cancelled.text)

        let list = { (query: String) throws -> PlatformHarness.Reply in
            try platform.send(.get, "/api/v1/orders?\(query)", host: shop.host, token: shop.ownerToken)
        }
        let numbers = { (reply: PlatformHarness.Reply) in
            (reply.json["orders"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? Int }
        }
        let first = try list("limit=2")
        XCTAssertEqual(numbers(first), [1003, 1002], first.text)
        let cursor = try XCTUnwrap(first.json["next_cursor"] as? String)
        let second = try list("limit=2&cursor=\(cursor)")
        XCTAssertEqual(numbers(second), [1001])
        XCTAssertTrue(second.json["next_cursor"] is NSNull, second.text)
        XCTAssertEqual(numbers(try list("email=RAHIM@example.com")), [1003, 1001])
        XCTAssertEqual(numbers(try list("status=cancelled")), [1002])
        XCTAssertEqual(numbers(try list("status=pending_payment&email=karim@example.com")), [])
        XCTAssertEqual(numbers(try list("created_from=2020-01-01")), [1003, 1002, 1001])
        XCTAssertEqual(numbers(try list("created_to=2020-01-02")), [])
        XCTAssertEqual(try platform.available(variant, in: shop), 18, "stock of the cancelled order")

        let other = try platform.createShop(prefix: "ord-list-b")
        let foreign = try platform.send(.get, "/api/v1/orders/\(ids[0])", host: other.host, token: other.ownerToken)
        XCTAssertEqual(foreign.status, 404, "another shop's staff read the order: \(foreign.text)")
        let crossToken = try platform.send(.get, "/api/v1/orders", host: shop.host, token: other.ownerToken)
        XCTAssertEqual(crossToken.status, 403, crossToken.text)
        // A cursor marks a place in one shop's listing only.
        let crossCursor = try platform.send(
            .get, "/api/v1/orders?limit=2&cursor=\(cursor)", host: other.host, token: other.ownerToken)
        XCTAssertEqual(crossCursor.status, 422, crossCursor.text)
        XCTAssertEqual(crossCursor.fieldNames, ["cursor"], crossCursor.text)
    }

    func testCursorOutsideNumberRangeIsInvalid() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-cursor")
        let variant = try platform.makeVariant(in: shop, stock: 5)
        let placed = try platform.checkout(
            try platform.makeCart(in: shop, variants: [variant]), in: shop, key: UUID().uuidString)
        XCTAssertNotNil(placed.placedOrder, placed.text)
        let list = { (cursor: String) throws -> PlatformHarness.Reply in
            try platform.send(.get, "/api/v1/orders?cursor=\(cursor)", host: shop.host, token: shop.ownerToken)
        }

        let encode = { (text: String) in CursorText.encode(text, scope: "tenant=\(shop.id.lowercasedString)") }
        let largest = try list(encode("v1|2147483647"))
        XCTAssertEqual(largest.status, 200, largest.text)
        XCTAssertEqual((largest.json["orders"] as? [Any])?.count, 1, largest.text)

        // An empty cursor gives the first page, as on the product and tenant lists.
        let empty = try list("")
        XCTAssertEqual(empty.status, 200, empty.text)
        XCTAssertEqual((empty.json["orders"] as? [Any])?.count, 1, empty.text)

        let cursors = [
            "above integer": encode("v1|2147483648"),
            "Int64.max": encode("v1|9223372036854775807"),
            "zero": encode("v1|0"),
            "negative": encode("v1|-5"),
            // Both decode to "v1|5" with Foundation's lenient decoder.
            "padded": "djF8NQ==",
            "non-canonical": "djF8NR",
            "leading zero": encode("v1|05"),
            "plus sign": encode("v1|+5"),
            "without the shop": CursorText.encode("v1|5"),
        ]
        for (name, cursor) in cursors {
            let reply = try list(cursor)
            XCTAssertEqual(reply.status, 422, "\(name): \(reply.text)")
            XCTAssertEqual(reply.fieldNames, ["cursor"], "\(name): \(reply.text)")
            let codes = (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            XCTAssertEqual(codes, ["invalid_cursor"], "\(name): \(reply.text)")
        }
    }

    func testNoteAndCancelKeepHistory() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "ord-actions")
        let variant = try platform.makeVariant(in: shop, stock: 3)
        let placed = try platform.checkout(
            try platform.makeCart(in: shop, variants: [variant]), in: shop, key: UUID().uuidString)
        let id = try XCTUnwrap(placed.placedOrder?["id"] as? String, placed.text)

        let noted = try platform.send(
            .post, "/api/v1/orders/\(id)/notes", host: shop.host, token: shop.ownerToken, json: ["note": "Gift wrap"])
        XCTAssertEqual(noted.status, 200, noted.text)
        let cancel = try platform.send(.post, "/api/v1/orders/\(id)/cancel", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(cancel.status, 200, cancel.text)
        let again = try platform.send(.post, "/api/v1/orders/\(id)/cancel", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(again.status, 409, again.text)
        XCTAssertEqual(again.problemCode, "order.invalid_transition")

        let order = try platform.order(id, in: shop)
        let history = order["history"] as? [[String: Any]] ?? []
        XCTAssertEqual(history.map { $0["kind"] as? String }, ["placed", "note", "status_changed", "stock_released"])
        XCTAssertEqual(history[1]["message"] as? String, "Gift wrap")
        XCTAssertNotEqual(history[1]["actor"] as? String, "system", "the note's author is not recorded")
        XCTAssertEqual(order["stock"] as? String, "released")
        XCTAssertEqual(try platform.available(variant, in: shop), 3)
    }
}
