import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Variants, images, collections and stock through their own routes.
final class CatalogSubresourceTests: XCTestCase {
    func testVariantsAddEditAndRemove() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-var")
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Panjabi", sizes: ["S", "M"]))
        let id = try XCTUnwrap(product["id"] as? String)
        let base = "/api/v1/products/\(id)/variants"

        let added = try platform.send(
            .post, base, host: shop.host, token: shop.ownerToken,
            json: ["option1": "L", "price": "1450.50", "sku": "PJ-L", "inventory_quantity": 3])
        XCTAssertEqual(added.status, 201, added.text)
        let variantID = try XCTUnwrap(added.json["id"] as? String)
        XCTAssertEqual(added.json["price"] as? String, "1450.50")
        XCTAssertEqual(added.json["inventory_quantity"] as? Int, 3)
        let options = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host).json["options"] as? [[String: Any]]
        XCTAssertEqual(options?.first?["values"] as? [String], ["S", "M", "L"])

        let edited = try platform.send(
            .patch, "\(base)/\(variantID)", host: shop.host, token: shop.ownerToken,
            json: ["price": "1500.00", "compare_at_price": "1800.00"])
        XCTAssertEqual(edited.status, 200, edited.text)
        XCTAssertEqual(edited.json["compare_at_price"] as? String, "1800.00")
        XCTAssertEqual(edited.json["sku"] as? String, "PJ-L", "an absent field changed")
        let badPrice = try platform.send(
            .patch, "\(base)/\(variantID)", host: shop.host, token: shop.ownerToken, json: ["price": "15.005"])
        XCTAssertEqual(badPrice.status, 422, badPrice.text)
        XCTAssertEqual(badPrice.fieldNames, ["price"])

        XCTAssertEqual(try platform.send(.delete, "\(base)/\(variantID)", host: shop.host, token: shop.ownerToken).status, 204)
        let list = try platform.send(.get, base, host: shop.host)
        XCTAssertEqual((list.json["data"] as? [Any])?.count, 2, list.text)
        XCTAssertEqual(try platform.send(.get, "\(base)/\(variantID)", host: shop.host).status, 404)
    }

    func testImagesOrderAndVariantLinks() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-img")
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Shawl", sizes: ["S", "M"]))
        let id = try XCTUnwrap(product["id"] as? String)
        let small = try XCTUnwrap((product["variants"] as? [[String: Any]])?.first?["id"] as? String)
        let base = "/api/v1/products/\(id)/images"

        let first = try platform.send(
            .post, base, host: shop.host, token: shop.ownerToken, json: ["src": "/static/shawl-back.jpg", "alt": "Back"])
        XCTAssertEqual(first.status, 201, first.text)
        let front = try platform.send(
            .post, base, host: shop.host, token: shop.ownerToken,
            json: ["src": "https://cdn.example.com/shawl-front.jpg", "position": 1, "variant_ids": [small]])
        XCTAssertEqual(front.status, 201, front.text)
        let frontID = try XCTUnwrap(front.json["id"] as? String)

        let read = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host).json
        let images = read["images"] as? [[String: Any]] ?? []
        XCTAssertEqual(images.map { $0["src"] as? String }, ["https://cdn.example.com/shawl-front.jpg", "/static/shawl-back.jpg"])
        XCTAssertEqual((read["variants"] as? [[String: Any]])?.first?["image_id"] as? String, frontID)

        let moved = try platform.send(
            .patch, "\(base)/\(frontID)", host: shop.host, token: shop.ownerToken, json: ["position": 2, "alt": "Front"])
        XCTAssertEqual(moved.status, 200, moved.text)
        XCTAssertEqual(moved.json["position"] as? Int, 2)
        XCTAssertEqual(moved.json["variant_ids"] as? [String], [small], "moving dropped the variant link")
        let duplicate = try platform.send(
            .post, base, host: shop.host, token: shop.ownerToken, json: ["src": "/static/shawl-back.jpg"])
        XCTAssertEqual(duplicate.status, 422, duplicate.text)

        XCTAssertEqual(try platform.send(.delete, "\(base)/\(frontID)", host: shop.host, token: shop.ownerToken).status, 204)
        let after = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host).json
        XCTAssertEqual((after["images"] as? [Any])?.count, 1)
        XCTAssertTrue((after["variants"] as? [[String: Any]])?.first?["image_id"] is NSNull, "link to a deleted image kept")
    }

    func testImageEditKeepsPosition() throws {
        let platform = try PlatformHarness.load()
        let gallery = try makeGallery(platform, prefix: "cat-img-place")
        let (shop, base) = (gallery.shop, gallery.base)

        let altered = try platform.send(
            .patch, "\(base)/\(gallery.firstID)", host: shop.host, token: shop.ownerToken, json: ["alt": "new alt"])
        XCTAssertEqual(altered.status, 200, altered.text)
        XCTAssertEqual(altered.json["position"] as? Int, 1, altered.text)
        let images = try readImages(platform, gallery)
        XCTAssertEqual(images.map { $0["id"] as? String }, [gallery.firstID, gallery.secondID])
        XCTAssertEqual(images.map { $0["position"] as? Int }, [1, 2])
        XCTAssertEqual(images.first?["alt"] as? String, "new alt")

        let lastAltered = try platform.send(
            .patch, "\(base)/\(gallery.secondID)", host: shop.host, token: shop.ownerToken, json: ["alt": "Spread"])
        XCTAssertEqual(lastAltered.status, 200, lastAltered.text)
        XCTAssertEqual(lastAltered.json["position"] as? Int, 2, lastAltered.text)
    }

    func testImageSourceChangeKeepsID() throws {
        let platform = try PlatformHarness.load()
        let gallery = try makeGallery(platform, prefix: "cat-img-src")
        let (shop, base) = (gallery.shop, gallery.base)

        let changedSource = try platform.send(
            .patch, "\(base)/\(gallery.firstID)", host: shop.host, token: shop.ownerToken,
            json: ["src": "https://cdn.example.com/1b.jpg"])
        XCTAssertEqual(changedSource.status, 200, changedSource.text)
        XCTAssertEqual(changedSource.json["id"] as? String, gallery.firstID, changedSource.text)
        XCTAssertEqual(changedSource.json["variant_ids"] as? [String], [gallery.variantID], changedSource.text)
        let byOldURL = try platform.send(.get, "\(base)/\(gallery.firstID)", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(byOldURL.status, 200, byOldURL.text)
        XCTAssertEqual(byOldURL.json["src"] as? String, "https://cdn.example.com/1b.jpg", byOldURL.text)

        let images = try readImages(platform, gallery)
        XCTAssertEqual(images.map { $0["id"] as? String }, [gallery.firstID, gallery.secondID])
        XCTAssertEqual(
            images.map { $0["src"] as? String }, ["https://cdn.example.com/1b.jpg", "https://cdn.example.com/2.jpg"])
        XCTAssertEqual(images.first?["alt"] as? String, "Folded")
        XCTAssertEqual(images.first?["variant_ids"] as? [String], [gallery.variantID])
        let read = try platform.send(.get, "/api/v1/products/\(gallery.productID)", host: shop.host)
        let variants = read.json["variants"] as? [[String: Any]] ?? []
        XCTAssertEqual(variants.first?["image_id"] as? String, gallery.firstID, read.text)
    }

    func testDeletedProductLeavesItsCollections() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-deletedID")
        let remainingID = try XCTUnwrap(try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Kept"))["id"] as? String)
        let deletedID = try XCTUnwrap(try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Gone"))["id"] as? String)
        let created = try platform.send(
            .post, "/api/v1/collections", host: shop.host, token: shop.ownerToken,
            json: ["title": "Pair", "product_ids": [deletedID, remainingID]])
        XCTAssertEqual(created.status, 201, created.text)

        let deleted = try platform.send(.delete, "/api/v1/products/\(deletedID)", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(deleted.status, 204, deleted.text)

        for token in [nil, shop.ownerToken] {
            let read = try platform.send(.get, "/api/v1/collections/pair", host: shop.host, token: token)
            XCTAssertEqual(read.status, 200, read.text)
            XCTAssertEqual(read.json["product_ids"] as? [String], [remainingID], read.text)
            XCTAssertEqual(read.json["products_count"] as? Int, 1, read.text)
        }
    }

    func testPublicCollectionHidesDraftProducts() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-hide")
        let activeID = try XCTUnwrap(try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Shown"))["id"] as? String)
        let draftID = try XCTUnwrap(try platform.createProduct(
            in: shop, PlatformHarness.productFields(title: "Hidden", extra: ["status": "draft"]))["id"] as? String)
        let created = try platform.send(
            .post, "/api/v1/collections", host: shop.host, token: shop.ownerToken,
            json: ["title": "Mixed", "product_ids": [draftID, activeID]])
        XCTAssertEqual(created.status, 201, created.text)

        let publicRead = try platform.send(.get, "/api/v1/collections/mixed", host: shop.host)
        XCTAssertEqual(publicRead.json["product_ids"] as? [String], [activeID], publicRead.text)
        XCTAssertEqual(publicRead.json["products_count"] as? Int, 1)
        let publicList = try platform.send(.get, "/api/v1/collections", host: shop.host)
        let listed = (publicList.json["data"] as? [[String: Any]])?.first { $0["handle"] as? String == "mixed" }
        XCTAssertEqual(listed?["product_ids"] as? [String], [activeID], publicList.text)

        let staffRead = try platform.send(.get, "/api/v1/collections/mixed", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(staffRead.json["product_ids"] as? [String], [draftID, activeID], staffRead.text)
    }

    func testCollectionsAndCategoriesFilterListings() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-coll")
        let quilt = try XCTUnwrap(try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Quilt"))["id"] as? String)
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Lamp"))

        let created = try platform.send(
            .post, "/api/v1/collections", host: shop.host, token: shop.ownerToken,
            json: ["title": "Winter Picks", "product_ids": [quilt]])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.json["handle"] as? String, "winter-picks")
        let category = try platform.send(
            .post, "/api/v1/categories", host: shop.host, token: shop.ownerToken, json: ["title": "Bedding", "handle": "bedding"])
        XCTAssertEqual(category.status, 201, category.text)

        let members = try platform.allProducts(in: shop, query: "collection=winter-picks")
        XCTAssertEqual(members.compactMap { $0["title"] as? String }, ["Quilt"])
        XCTAssertEqual(try platform.allProducts(in: shop, query: "collection=bedding").count, 0)
        let patched = try platform.send(
            .patch, "/api/v1/categories/bedding", host: shop.host, token: shop.ownerToken, json: ["product_ids": [quilt]])
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(try platform.allProducts(in: shop, query: "collection=bedding").count, 1, "membership change not visible")

        let listed = try platform.send(.get, "/api/v1/categories", host: shop.host)
        XCTAssertEqual((listed.json["data"] as? [[String: Any]])?.map { $0["title"] as? String }, ["Bedding"])
        let unknownMember = try platform.send(
            .post, "/api/v1/collections", host: shop.host, token: shop.ownerToken,
            json: ["title": "Ghosts", "product_ids": [UUID().uuidString]])
        XCTAssertEqual(unknownMember.status, 422, unknownMember.text)
        XCTAssertEqual(unknownMember.fieldNames, ["product_ids[0]"])
        let taken = try platform.send(
            .post, "/api/v1/collections", host: shop.host, token: shop.ownerToken, json: ["title": "Winter Picks"])
        XCTAssertEqual(taken.status, 409, taken.text)
        XCTAssertEqual(try platform.send(.post, "/api/v1/collections", host: shop.host, json: ["title": "Anon"]).status, 401)
    }

    func testInventorySetAdjustAndMovements() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-stock")
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Pitha Mould", stock: 4))
        let variantID = try XCTUnwrap((product["variants"] as? [[String: Any]])?.first?["id"] as? String)
        let base = "/api/v1/inventory/\(variantID)"

        let set = try platform.send(.post, "\(base)/set", host: shop.host, token: shop.ownerToken, json: ["quantity": 10, "reason": "stocktake"])
        XCTAssertEqual(set.status, 200, set.text)
        XCTAssertEqual(set.json["available"] as? Int, 10)
        let adjusted = try platform.send(.post, "\(base)/adjust", host: shop.host, token: shop.ownerToken, json: ["delta": -3, "reason": "damaged"])
        XCTAssertEqual(adjusted.json["available"] as? Int, 7)
        let tooMany = try platform.send(.post, "\(base)/adjust", host: shop.host, token: shop.ownerToken, json: ["delta": -8, "reason": "sold"])
        XCTAssertEqual(tooMany.status, 409, tooMany.text)
        XCTAssertEqual(tooMany.problemCode, "inventory.insufficient_stock")
        let noReason = try platform.send(.post, "\(base)/adjust", host: shop.host, token: shop.ownerToken, json: ["delta": 1, "reason": " "])
        XCTAssertEqual(noReason.status, 422, noReason.text)
        XCTAssertEqual(noReason.fieldNames, ["reason"])
        let wrongType = try platform.send(.post, "\(base)/set", host: shop.host, token: shop.ownerToken, json: ["quantity": "ten", "reason": "x"])
        XCTAssertEqual(wrongType.fieldNames, ["quantity"])

        let movements = try platform.send(.get, "\(base)/movements", host: shop.host, token: shop.ownerToken)
        let entries = movements.json["data"] as? [[String: Any]] ?? []
        XCTAssertEqual(entries.map { $0["delta"] as? Int }, [6, -3])
        XCTAssertEqual(entries.map { $0["reason"] as? String }, ["stocktake", "damaged"])
        XCTAssertEqual(try platform.send(.get, base, host: shop.host).status, 401)
    }

    func testInventoryChangeStaysWithinLimit() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-huge")
        let product = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Clay Pot", stock: 0))
        let variantID = try XCTUnwrap((product["variants"] as? [[String: Any]])?.first?["id"] as? String)
        let base = "/api/v1/inventory/\(variantID)"
        let post = { (action: String, json: [String: Any]) in
            try platform.send(.post, "\(base)/\(action)", host: shop.host, token: shop.ownerToken, json: json)
        }

        XCTAssertEqual(try post("set", ["quantity": 1_000_000_000, "reason": "count"]).status, 200)
        let past = try post("adjust", ["delta": 1_000_000_000, "reason": "delivery"])
        XCTAssertEqual(past.status, 422, past.text)
        XCTAssertEqual(past.fieldNames, ["delta"])
        let stock = try platform.send(.get, base, host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(stock.json["available"] as? Int, 1_000_000_000, "a rejected change leaves the stock")

        let swing = try post("set", ["quantity": -1_000_000_000, "reason": "recount"])
        XCTAssertEqual(swing.status, 200, swing.text)
        XCTAssertEqual(swing.json["available"] as? Int, -1_000_000_000)
        XCTAssertEqual(try platform.send(.get, "/api/v1/inventory/\(UUID().uuidString)", host: shop.host, token: shop.ownerToken).status, 404)
    }

    /// A product with two variants and two images, the first linked to the first variant.
    private struct Gallery {
        var shop: Shop
        var productID: String
        var variantID: String
        var base: String
        var firstID: String
        var secondID: String
    }

    private func makeGallery(_ platform: PlatformHarness, prefix: String) throws -> Gallery {
        let shop = try platform.createShop(prefix: prefix)
        let product = try platform.createProduct(
            in: shop, PlatformHarness.productFields(title: "Lungi", sizes: ["S", "M"]))
        let id = try XCTUnwrap(product["id"] as? String)
        let small = try XCTUnwrap((product["variants"] as? [[String: Any]])?.first?["id"] as? String)
        let base = "/api/v1/products/\(id)/images"
        let first = try platform.send(
            .post, base, host: shop.host, token: shop.ownerToken,
            json: ["src": "https://cdn.example.com/1.jpg", "alt": "Folded", "variant_ids": [small]])
        XCTAssertEqual(first.status, 201, first.text)
        let second = try platform.send(
            .post, base, host: shop.host, token: shop.ownerToken, json: ["src": "https://cdn.example.com/2.jpg"])
        XCTAssertEqual(second.status, 201, second.text)
        return Gallery(
            shop: shop, productID: id, variantID: small, base: base,
            firstID: try XCTUnwrap(first.json["id"] as? String), secondID: try XCTUnwrap(second.json["id"] as? String))
    }

    /// Reads the product's images the way a shopper does, without a token.
    private func readImages(_ platform: PlatformHarness, _ gallery: Gallery) throws -> [[String: Any]] {
        let read = try platform.send(.get, "/api/v1/products/\(gallery.productID)", host: gallery.shop.host)
        XCTAssertEqual(read.status, 200, read.text)
        return read.json["images"] as? [[String: Any]] ?? []
    }
}
