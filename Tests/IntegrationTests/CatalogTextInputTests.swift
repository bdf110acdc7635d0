import Foundation
import XCTest

/// Catalog text as users send it: stray white space, control characters, accents typed as
/// combining marks, and query values that contain `&` and `=`.
final class CatalogTextInputTests: XCTestCase {
    func testControlCharactersInTagsAreRejected() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-nul")
        for tags in ["a,\u{0}" as Any, ["a", "b\u{0}c"] as Any, "\u{7}bell" as Any] {
            let reply = try platform.send(
                .post, "/api/v1/products", host: shop.host, token: shop.ownerToken,
                json: PlatformHarness.productFields(title: "Tagged Mat", extra: ["tags": tags]))
            XCTAssertEqual(reply.status, 422, reply.text)
            XCTAssertEqual(reply.fieldNames, ["tags"], reply.text)
        }
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Tagged Mat"))
        let id = try XCTUnwrap(product["id"] as? String)
        let patch = try platform.send(
            .patch, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken, json: ["tags": "x,\u{0}y"])
        XCTAssertEqual(patch.status, 422, patch.text)
        XCTAssertEqual(patch.fieldNames, ["tags"], patch.text)
    }

    func testLineBreaksAroundShortTextsAreTrimmed() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-trim")
        var fields = PlatformHarness.productFields(title: "Trimmed Mat", extra: [
            "vendor": " Golden Fibre\n", "product_type": "\u{3000}Mat\r\n", "tags": " a ,\u{00A0}b\u{00A0},\n d \n",
        ])
        fields["variants"] = [["option1": "M", "price": "10.00", "sku": " \u{00A0}SKU-1\u{3000}\n"]]
        let product = try platform.createProduct(in: shop, fields)
        XCTAssertEqual(product["vendor"] as? String, "Golden Fibre")
        XCTAssertEqual(product["product_type"] as? String, "Mat")
        XCTAssertEqual(product["tags"] as? String, "a, b, d")
        let variant = try XCTUnwrap((product["variants"] as? [[String: Any]])?.first)
        XCTAssertEqual(variant["sku"] as? String, "SKU-1")
    }

    func testHandlesAreStoredComposed() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-nfc")
        let decomposed = "bu\u{0308}cher-regal"
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(
            title: "Regal", extra: ["handle": decomposed, "status": "active", "published": true]))
        let id = try XCTUnwrap(product["id"] as? String)
        XCTAssertEqual(Array((product["handle"] as? String ?? "").unicodeScalars), Array("b\u{00FC}cher-regal".unicodeScalars))

        for path in ["b%C3%BCcher-regal", "bu%CC%88cher-regal"] {
            for round in 1...2 {
                let reply = try platform.send(.get, "/api/v1/products/by-handle/\(path)", host: shop.host)
                XCTAssertEqual(reply.status, 200, "\(path), read \(round): \(reply.text)")
                XCTAssertEqual(reply.json["id"] as? String, id, "\(path), read \(round)")
            }
        }
        let again = try platform.send(
            .post, "/api/v1/products", host: shop.host, token: shop.ownerToken,
            json: PlatformHarness.productFields(title: "Regal Zwei", extra: ["handle": "b\u{00FC}cher-regal"]))
        XCTAssertEqual(again.status, 409, again.text)
        XCTAssertEqual(again.problemCode, "product.handle_taken")
    }

    /// A search for the text `kantha&tag=bedding` and a search for `kantha` with the tag `bedding`
    /// are different listings, so neither may be served from the cache entry of the other.
    func testEscapedQueryValuesGetTheirOwnCacheEntry() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-key")
        try platform.createProduct(in: shop, PlatformHarness.productFields(
            title: "Kantha Quilt", extra: ["tags": "bedding", "status": "active", "published": true]))

        for round in 1...2 {
            let literal = try platform.send(.get, "/api/v1/products?limit=40&q=kantha%26tag%3Dbedding", host: shop.host)
            XCTAssertEqual(literal.status, 200, literal.text)
            XCTAssertEqual((literal.json["data"] as? [Any])?.count, 0, "round \(round): \(literal.text)")
            let filtered = try platform.send(.get, "/api/v1/products?limit=40&q=kantha&tag=bedding", host: shop.host)
            XCTAssertEqual(filtered.status, 200, filtered.text)
            XCTAssertEqual((filtered.json["data"] as? [Any])?.count, 1, "round \(round): \(filtered.text)")
        }
    }
}
