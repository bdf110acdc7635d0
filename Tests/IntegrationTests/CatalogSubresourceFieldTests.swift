import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Field errors of the image and variant sub-routes, through Caddy: the body is one image or one
/// variant, so its fields are named `src` or `price`, never `images[1].src` or `variants[0].price`.
final class CatalogSubresourceFieldTests: XCTestCase {
    func testImageErrorsNameBodyFields() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-imgfield")
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Shawl", sizes: ["S", "M"]))
        let id = try XCTUnwrap(product["id"] as? String)
        let base = "/api/v1/products/\(id)/images"
        let post = { (json: [String: Any]) in try platform.send(.post, base, host: shop.host, token: shop.ownerToken, json: json) }

        let first = try post(["src": "/static/shawl-back.jpg"])
        XCTAssertEqual(first.status, 201, first.text)
        let firstID = try XCTUnwrap(first.json["id"] as? String)

        let cases: [(String, [String: Any], [String])] = [
            ("bad src after the first image", ["src": "ftp://cdn.example.com/shawl.jpg"], ["src"]),
            ("bad src placed first", ["src": "shawl side.jpg", "position": 1], ["src"]),
            ("long src", ["src": "/static/" + String(repeating: "a", count: 2100) + ".jpg"], ["src"]),
            ("long alt", ["src": "/static/shawl-side.jpg", "alt": String(repeating: "a", count: 600)], ["alt"]),
            ("bad position", ["src": "/static/shawl-side.jpg", "position": 0], ["position"]),
            ("unknown variant", ["src": "/static/shawl-side.jpg", "variant_ids": [UUID().uuidString]], ["variant_ids"]),
            ("repeated src after", ["src": "/static/shawl-back.jpg"], ["src"]),
            // Placed first, the new image is not the one the validator finds repeating.
            ("repeated src placed first", ["src": "/static/shawl-back.jpg", "position": 1], ["src"]),
            ("bad src and alt", ["src": "javascript:alert(1)", "alt": String(repeating: "a", count: 600)], ["alt", "src"]),
        ]
        for (name, json, fields) in cases {
            let reply = try post(json)
            XCTAssertEqual(reply.status, 422, "\(name): \(reply.text)")
            XCTAssertEqual(reply.fieldNames.sorted(), fields, "\(name): \(reply.text)")
            let detail = reply.json["detail"] as? String ?? ""
            XCTAssertFalse(detail.contains("images["), "\(name): the detail names the product's gallery: \(detail)")
        }

        let patched = try platform.send(
            .patch, "\(base)/\(firstID)", host: shop.host, token: shop.ownerToken, json: ["src": "ftp://x.example.com/a.jpg"])
        XCTAssertEqual(patched.status, 422, patched.text)
        XCTAssertEqual(patched.fieldNames, ["src"], patched.text)
        let images = try platform.send(.get, base, host: shop.host).json["data"] as? [[String: Any]] ?? []
        XCTAssertEqual(images.map { $0["src"] as? String }, ["/static/shawl-back.jpg"], "a rejected image changed the gallery")
    }

    func testVariantErrorsNameBodyFields() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-varfield")
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Panjabi", sizes: ["S", "M"]))
        let id = try XCTUnwrap(product["id"] as? String)
        let variants = product["variants"] as? [[String: Any]] ?? []
        let small = try XCTUnwrap(variants.first?["id"] as? String)
        let base = "/api/v1/products/\(id)/variants"
        let send = { (method: HTTPMethod, path: String, json: [String: Any]) in
            try platform.send(method, path, host: shop.host, token: shop.ownerToken, json: json)
        }

        let cases: [(String, HTTPMethod, String, [String: Any], [String])] = [
            ("new variant repeats S", .post, base, ["option1": "S", "price": "100.00"], ["option1"]),
            ("long SKU on a new variant", .post, base, ["option1": "L", "price": "100.00", "sku": String(repeating: "K", count: 300)],
             ["sku"]),
            ("long SKU", .patch, "\(base)/\(small)", ["sku": String(repeating: "K", count: 300)], ["sku"]),
            ("value not in the option", .patch, "\(base)/\(small)", ["option1": "XL"], ["option1"]),
            // The first variant takes the second's values: the validator finds the second one repeating.
            ("edit repeats M", .patch, "\(base)/\(small)", ["option1": "M"], ["option1"]),
            ("repeat and long SKU", .patch, "\(base)/\(small)", ["option1": "M", "sku": String(repeating: "K", count: 300)],
             ["option1", "sku"]),
        ]
        for (name, method, path, json, fields) in cases {
            let reply = try send(method, path, json)
            XCTAssertEqual(reply.status, 422, "\(name): \(reply.text)")
            XCTAssertEqual(reply.fieldNames.sorted(), fields, "\(name): \(reply.text)")
            let detail = reply.json["detail"] as? String ?? ""
            XCTAssertFalse(detail.contains(": variants["), "\(name): the detail names the product's variant list: \(detail)")
        }

        let repeated = try send(.patch, "\(base)/\(small)", ["option1": "M"])
        let message = (repeated.json["errors"] as? [[String: Any]])?.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("variants[1]"), "the message does not point at the other variant: \(message)")
        let list = try platform.send(.get, base, host: shop.host).json["data"] as? [[String: Any]] ?? []
        XCTAssertEqual(list.map { $0["option1"] as? String }, ["S", "M"], "a rejected edit changed the variants")
    }
}
