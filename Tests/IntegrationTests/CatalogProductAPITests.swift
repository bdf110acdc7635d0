import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// The product API through Caddy: staff writes, public reads, visibility and the read cache.
final class CatalogProductAPITests: XCTestCase {
    func testProductLifecycleThroughCaddy() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-life")
        let created = try platform.createProduct(
            in: shop, PlatformHarness.productFields(title: "Nakshi Kantha Quilt", price: "6500.00", sizes: ["S", "M"]))
        let id = try XCTUnwrap(created["id"] as? String)
        XCTAssertEqual(created["handle"] as? String, "nakshi-kantha-quilt")
        XCTAssertEqual(created["currency"] as? String, "BDT")
        let variants = try XCTUnwrap(created["variants"] as? [[String: Any]])
        XCTAssertEqual(variants.map { $0["price"] as? String }, ["6500.00", "6500.00"])
        XCTAssertEqual(variants.map { $0["inventory_quantity"] as? Int }, [10, 10])

        let byID = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host)
        XCTAssertEqual(byID.status, 200, byID.text)
        XCTAssertEqual(byID.json["title"] as? String, "Nakshi Kantha Quilt")
        XCTAssertNil((byID.json["variants"] as? [[String: Any]])?.first?["inventory_quantity"], "stock shown to the public")
        let byHandle = try platform.send(.get, "/api/v1/products/by-handle/nakshi-kantha-quilt", host: shop.host)
        XCTAssertEqual(byHandle.json["id"] as? String, id)

        let patched = try platform.send(
            .patch, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken,
            json: ["title": "Nakshi Kantha Quilt, Jessore", "status": "draft"])
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(patched.json["revision"] as? Int, 2)
        XCTAssertEqual(try platform.send(.get, "/api/v1/products/\(id)", host: shop.host).status, 404, "draft shown to the public")
        let staffRead = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(staffRead.json["title"] as? String, "Nakshi Kantha Quilt, Jessore")

        let deleted = try platform.send(.delete, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(deleted.status, 204, deleted.text)
        let afterDelete = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(afterDelete.status, 404)
    }

    /// Staff who send no revision edit different fields at the same time. Each patch is applied to
    /// the product as the others left it, so every edit is stored and none is lost.
    func testConcurrentPatchesKeepEveryEdit() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-patch")
        let created = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Shital Pati"))
        let id = try XCTUnwrap(created["id"] as? String)
        let edits: [(field: String, value: String)] = [
            ("title", "Shital Pati, Sylhet"), ("vendor", "Sylhet Weavers"), ("product_type", "Mat"),
            ("tags", "cane, handmade"), ("seo_title", "Cool mat"), ("body_html", "<p>Woven from murta cane.</p>"),
        ]
        let statuses = Mutex([Int](repeating: 0, count: edits.count))
        runConcurrently(edits.count) { index in
            let reply = try? platform.send(
                .patch, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken,
                json: [edits[index].field: edits[index].value])
            statuses.withLock { $0[index] = reply?.status ?? -1 }
        }

        XCTAssertEqual(statuses.withLock { $0 }, [Int](repeating: 200, count: edits.count))
        let stored = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken)
        for (field, value) in edits {
            XCTAssertEqual(stored.json[field] as? String, value, "\(field) after the concurrent patches")
        }
        XCTAssertEqual(stored.json["revision"] as? Int, 1 + edits.count)

        // A patch that names a revision still gets the conflict.
        let stale = try platform.send(
            .patch, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken,
            json: ["title": "Stale", "revision": 1])
        XCTAssertEqual(stale.status, 409, stale.text)
        XCTAssertEqual(stale.json["code"] as? String, "product.revision_conflict")
    }

    /// Products created at the same moment with one title, and no handle, each get a handle of
    /// their own.
    func testConcurrentCreatesNumberDerivedHandles() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-race")
        let count = 8
        let handles = Mutex([String?](repeating: nil, count: count))
        runConcurrently(count) { index in
            let reply = try? platform.send(
                .post, "/api/v1/products", host: shop.host, token: shop.ownerToken,
                json: PlatformHarness.productFields(title: "Gamma Race"))
            let handle = reply?.status == 201 ? reply?.json["handle"] as? String : "status \(reply?.status ?? -1)"
            handles.withLock { $0[index] = handle }
        }

        let expected = Set(["gamma-race"] + (1..<count).map { "gamma-race-\($0)" })
        XCTAssertEqual(Set(handles.withLock { $0 }.compactMap { $0 }), expected)
    }

    /// Another catalog-svc instance's write moves the tenant's version in Redis and publishes it.
    /// This process's memory must stop serving what it contains on the very next read, even if
    /// the message is still on its way to the subscriber.
    func testVersionMovedElsewhereEndsMemoryHits() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-memory")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Nakshi Kantha"))
        XCTAssertEqual(try platform.send(.get, "/api/v1/products?limit=7", host: shop.host).headers["X-Cache"], "miss")
        XCTAssertEqual(try platform.send(.get, "/api/v1/products?limit=7", host: shop.host).headers["X-Cache"], "hit")

        let redis = RedisClient(url: try platform.variable("COMMERCE_TEST_REDIS_URL"), logger: Logger(label: "test", level: .error))
        defer { redis.close() }
        let versionKey = "catalog:v1:\(shop.id.uuidString.lowercased()):version"
        let before = try XCTUnwrap(try redis.command(["GET", versionKey]).text.flatMap { Int64($0) })
        XCTAssertNotEqual(before, 1, "versions start at a random number, not at 0 or 1")
        guard case .integer(let moved) = try redis.command(["INCR", versionKey]) else { return XCTFail("INCR returned no integer") }
        try redis.command(["PUBLISH", "catalog:v1:versions", "\(shop.id.uuidString.lowercased()) \(moved)"])
        // As a writer does: Redis has written the message to every subscriber once a later
        // command's reply arrives.
        try redis.ping()

        let after = try platform.send(.get, "/api/v1/products?limit=7", host: shop.host)
        XCTAssertEqual(after.status, 200, after.text)
        XCTAssertEqual(after.headers["X-Cache"], "miss", "memory served an entry of the old version")
        XCTAssertEqual(try platform.send(.get, "/api/v1/products?limit=7", host: shop.host).headers["X-Cache"], "hit")
    }

    func testWriteVisibleOnNextCachedRead() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-cache")
        let created = try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Shital Pati"))
        let id = try XCTUnwrap(created["id"] as? String)

        let first = try platform.send(.get, "/api/v1/products?limit=24", host: shop.host)
        let second = try platform.send(.get, "/api/v1/products?limit=24", host: shop.host)
        XCTAssertEqual(first.headers["X-Cache"], "miss")
        XCTAssertEqual(second.headers["X-Cache"], "hit")
        XCTAssertEqual(second.body, first.body)
        _ = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host)
        XCTAssertEqual(try platform.send(.get, "/api/v1/products/\(id)", host: shop.host).headers["X-Cache"], "hit")

        let patched = try platform.send(
            .patch, "/api/v1/products/\(id)", host: shop.host, token: shop.ownerToken, json: ["title": "Shital Pati, Sylhet"])
        XCTAssertEqual(patched.status, 200, patched.text)
        let list = try platform.send(.get, "/api/v1/products?limit=24", host: shop.host)
        XCTAssertEqual((list.json["data"] as? [[String: Any]])?.first?["title"] as? String, "Shital Pati, Sylhet")
        let single = try platform.send(.get, "/api/v1/products/\(id)", host: shop.host)
        XCTAssertEqual(single.json["title"] as? String, "Shital Pati, Sylhet")

        let variantID = try XCTUnwrap((created["variants"] as? [[String: Any]])?.first?["id"] as? String)
        let emptied = try platform.send(
            .post, "/api/v1/inventory/\(variantID)/set", host: shop.host, token: shop.ownerToken,
            json: ["quantity": 0, "reason": "stocktake"])
        XCTAssertEqual(emptied.status, 200, emptied.text)
        let inStock = try platform.send(.get, "/api/v1/products?in_stock=true", host: shop.host)
        XCTAssertEqual((inStock.json["data"] as? [[String: Any]])?.count, 0, "stock change not visible: \(inStock.text)")
    }

    func testListingFiltersAndSorts() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-list")
        try platform.createProduct(in: shop, PlatformHarness.productFields(
            title: "Jamdani Saree", price: "12000.00", extra: ["vendor": "Tangail Looms", "tags": "saree, silk"]))
        try platform.createProduct(in: shop, PlatformHarness.productFields(
            title: "Clay Pot", price: "800.00", stock: 0, extra: ["product_type": "Pottery", "tags": "clay"]))
        try platform.createProduct(in: shop, PlatformHarness.productFields(
            title: "Brass Lamp", price: "2500.00", extra: ["status": "draft"]))

        let titles = { (query: String) throws -> [String] in
            try platform.allProducts(in: shop, query: query).compactMap { $0["title"] as? String }
        }
        XCTAssertEqual(try titles("sort=price_asc"), ["Clay Pot", "Jamdani Saree"], "drafts are not public")
        XCTAssertEqual(try titles("sort=price_desc"), ["Jamdani Saree", "Clay Pot"])
        XCTAssertEqual(try titles("sort=title"), ["Clay Pot", "Jamdani Saree"])
        XCTAssertEqual(try titles("tag=SILK"), ["Jamdani Saree"])
        XCTAssertEqual(try titles("vendor=tangail%20looms"), ["Jamdani Saree"])
        XCTAssertEqual(try titles("product_type=Pottery"), ["Clay Pot"])
        XCTAssertEqual(try titles("price_min=1000.00&price_max=20000"), ["Jamdani Saree"])
        XCTAssertEqual(try titles("in_stock=false"), ["Clay Pot"])
        XCTAssertEqual(try titles("q=jamd"), ["Jamdani Saree"])
        XCTAssertEqual(try titles("q=tangail"), ["Jamdani Saree"])

        let staffTitles = try platform.allProducts(in: shop, token: shop.ownerToken, query: "status=draft")
        XCTAssertEqual(staffTitles.compactMap { $0["title"] as? String }, ["Brass Lamp"])
        XCTAssertEqual(try platform.send(.get, "/api/v1/products?status=draft", host: shop.host).status, 401)
        let badSort = try platform.send(.get, "/api/v1/products?sort=cheapest&price_min=12,50", host: shop.host)
        XCTAssertEqual(badSort.status, 422, badSort.text)
        XCTAssertEqual(Set(badSort.fieldNames), ["sort", "price_min"])

        let words = (1...40).map { "w\($0)" }.joined(separator: "%20")
        for token in [nil, shop.ownerToken] {
            let wordy = try platform.send(.get, "/api/v1/products?q=\(words)", host: shop.host, token: token)
            XCTAssertEqual(wordy.status, 422, wordy.text)
            XCTAssertEqual(wordy.fieldNames, ["q"])
        }
        let longest = (1...32).map { "w\($0)" }.joined(separator: "%20")
        XCTAssertEqual(try platform.send(.get, "/api/v1/products?q=\(longest)", host: shop.host).status, 200)
    }

    func testPagesFollowCursorWithoutRepeats() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-page")
        for index in 0..<7 {
            try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Mat \(index)"))
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let path = "/api/v1/products?limit=3&sort=title" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try platform.send(.get, path, host: shop.host)
            XCTAssertEqual(page.status, 200, page.text)
            seen += (page.json["data"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil && seen.count < 20
        XCTAssertEqual(seen, (0..<7).map { "Mat \($0)" })
    }

    func testCursorKeyOutsideColumnRangeIsInvalid() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-cursor")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Nakshi Kantha"))
        let id = UUID().uuidString.lowercased()
        let list = { (sort: String, key: String, token: String?) throws -> PlatformHarness.Reply in
            // Public reads list active, published products only, and their cursors carry that scope.
            let sorted = try XCTUnwrap(ProductSort(rawValue: sort))
            let query =
                token == nil
                ? ProductQuery(sort: sorted, status: .active, published: true) : ProductQuery(sort: sorted)
            let cursor = CursorText.encode("v1|\(sort)|\(id)|\(key)", scope: query.cursorScope(tenantID: shop.id))
            return try platform.send(
                .get, "/api/v1/products?sort=\(sort)&cursor=\(cursor)", host: shop.host, token: token)
        }

        // Creation times from year 1 through year 9999 are keys of the newest sort, and prices
        // may be any 64-bit value.
        let usable = [
            ("newest", "-62135596800000"), ("newest", "253402300799999"), ("newest", "0"),
            ("price_asc", "9223372036854775807"), ("price_asc", "-9223372036854775808"),
            ("price_desc", "9223372036854775807"), ("price_desc", "-9223372036854775808"),
        ]
        let unusable = [
            ("newest", "100000000000000000"), ("newest", "-100000000000000000"),
            ("newest", "9223372036854775807"), ("newest", "-9223372036854775808"),
            ("newest", "253402300800000"), ("newest", "-62135596800001"),
            ("price_asc", "9223372036854775808"), ("price_desc", "-9223372036854775809"),
            // Another spelling of a usable key: each position has one cursor.
            ("newest", "00"), ("price_asc", "+100"),
        ]
        for token in [nil, shop.ownerToken] {
            let reader = token == nil ? "public" : "staff"
            for (sort, key) in usable {
                let reply = try list(sort, key, token)
                XCTAssertEqual(reply.status, 200, "\(reader) \(sort) \(key): \(reply.text)")
            }
            for (sort, key) in unusable {
                let reply = try list(sort, key, token)
                XCTAssertEqual(reply.status, 422, "\(reader) \(sort) \(key): \(reply.text)")
                XCTAssertEqual(reply.fieldNames, ["cursor"], "\(reader) \(sort) \(key): \(reply.text)")
                let codes = (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                XCTAssertEqual(codes, ["invalid_cursor"], "\(reader) \(sort) \(key): \(reply.text)")
            }
        }
    }

    func testTruncatedCursorIsInvalid() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-cut-cursor")
        for title in ["Bamboo Bread Basket", "Bamboo Bread Bowl", "Clay Lamp"] {
            try platform.createProduct(in: shop, PlatformHarness.productFields(title: title))
        }
        for sort in ["newest", "title", "price_asc"] {
            let first = try platform.send(.get, "/api/v1/products?limit=1&sort=\(sort)", host: shop.host)
            let cursor = try XCTUnwrap(first.json["next_cursor"] as? String, first.text)
            XCTAssertEqual(
                try platform.send(.get, "/api/v1/products?limit=1&sort=\(sort)&cursor=\(cursor)", host: shop.host).status,
                200)

            // A client that cuts a cursor short gets an error, not a page from another position.
            for cut in [1, 3, 5, cursor.count / 2] {
                let reply = try platform.send(
                    .get, "/api/v1/products?limit=1&sort=\(sort)&cursor=\(cursor.dropLast(cut))", host: shop.host)
                XCTAssertEqual(reply.status, 422, "\(sort) cut by \(cut): \(reply.text)")
                XCTAssertEqual(reply.fieldNames, ["cursor"], "\(sort) cut by \(cut): \(reply.text)")
            }
        }
    }

    func testCursorOfOtherListingIsInvalid() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-scope")
        let other = try platform.createShop(prefix: "cat-scope-other")
        for title in ["Jute Basket", "Jute Rug", "Jute Bag"] {
            try platform.createProduct(in: shop, PlatformHarness.productFields(title: title, extra: ["tags": "jute"]))
        }
        try platform.createProduct(in: other, PlatformHarness.productFields(title: "Jute Mat", extra: ["tags": "jute"]))
        let first = try platform.send(.get, "/api/v1/products?limit=1&tag=jute", host: shop.host)
        let cursor = try XCTUnwrap(first.json["next_cursor"] as? String, first.text)

        // The same listing goes on, also with the tag in other letter case, which it ignores.
        for path in ["/api/v1/products?limit=1&tag=jute", "/api/v1/products?limit=1&tag=JUTE"] {
            let next = try platform.send(.get, path + "&cursor=\(cursor)", host: shop.host)
            XCTAssertEqual(next.status, 200, "\(path): \(next.text)")
        }

        // Other filters, another shop and the staff listing each reject it.
        let others: [(path: String, host: String, token: String?)] = [
            ("/api/v1/products?limit=1", shop.host, nil),
            ("/api/v1/products?limit=1&tag=handmade", shop.host, nil),
            ("/api/v1/products?limit=1&tag=jute&vendor=Karigor", shop.host, nil),
            ("/api/v1/products?limit=1&tag=jute&q=basket", shop.host, nil),
            ("/api/v1/products?limit=1&tag=jute", other.host, nil),
            ("/api/v1/products?limit=1&tag=jute", shop.host, shop.ownerToken),
        ]
        for (path, host, token) in others {
            let reply = try platform.send(.get, path + "&cursor=\(cursor)", host: host, token: token)
            XCTAssertEqual(reply.status, 422, "\(host) \(path): \(reply.text)")
            XCTAssertEqual(reply.fieldNames, ["cursor"], "\(host) \(path): \(reply.text)")
        }
    }

    func testExportIsStaffOnlyCSV() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-export")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Rickshaw Art Tray"))
        XCTAssertEqual(try platform.send(.get, "/api/v1/products/export", host: shop.host).status, 401)
        let export = try platform.send(.get, "/api/v1/products/export", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(export.status, 200, export.text)
        XCTAssertEqual(export.headers["Content-Type"], "text/csv; charset=utf-8")
        XCTAssertTrue(export.text.hasPrefix("Handle,Title,Body (HTML),Vendor"), export.text)
        XCTAssertTrue(export.text.contains("rickshaw-art-tray,Rickshaw Art Tray"), export.text)
    }
}
