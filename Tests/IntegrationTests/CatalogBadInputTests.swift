import CommonAdapters
import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Bad catalog input gets a 4xx naming the field, or a row error naming row and column, never
/// a 5xx, and changes nothing.
final class CatalogBadInputTests: XCTestCase {
    func testBadPricesAreRejectedByField() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-bad")
        let cases: [(price: Any, message: String)] = [
            ("12,50", "comma"), ("-1", "sign"), ("1e9", "exponent"), ("12.505", "decimals"), (12.5, "string"),
            ("", "empty"), ("abc", "decimal number"),
        ]
        for item in cases {
            let reply = try platform.send(
                .post, "/api/v1/products", host: shop.host, token: shop.ownerToken,
                json: PlatformHarness.productFields(title: "Priced Mat", price: "1.00").merging([
                    "variants": [["option1": "M", "price": item.price]]
                ]) { _, new in new })
            XCTAssertEqual(reply.status, 422, "\(item.price): \(reply.text)")
            XCTAssertEqual(reply.fieldNames, ["variants[0].price"], "\(item.price)")
            XCTAssertTrue(reply.text.contains(item.message), "\(item.price): \(reply.text)")
        }
        XCTAssertEqual(try platform.allProducts(in: shop, token: shop.ownerToken).count, 0, "a rejected product was stored")
    }

    func testDuplicateHandleIsConflict() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-dup")
        try platform.createProduct(in: shop, PlatformHarness.productFields(title: "Terracotta Vase"))
        let again = try platform.send(
            .post, "/api/v1/products", host: shop.host, token: shop.ownerToken,
            json: PlatformHarness.productFields(title: "Another Vase", extra: ["handle": "terracotta-vase"]))
        XCTAssertEqual(again.status, 409, again.text)
        XCTAssertEqual(again.problemCode, "product.handle_taken")
        XCTAssertEqual(again.fieldNames, ["handle"])
    }

    func testUnknownOptionValueEmptyTitleAndUnknownField() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-opt")
        let cases: [(fields: [String: Any], expected: Set<String>)] = [
            (PlatformHarness.productFields(title: "Mat").merging(
                ["variants": [["option1": "XXL", "price": "10.00"]]]) { _, new in new }, ["variants[0].option1"]),
            // The handle derived from an empty title is empty too, so both are named.
            (PlatformHarness.productFields(title: ""), ["title", "handle"]),
            (PlatformHarness.productFields(title: "   ", extra: ["handle": "blank-mat"]), ["title"]),
            (PlatformHarness.productFields(title: "Mat", extra: ["colour": "red", "status": "live"]), ["colour", "status"]),
            (PlatformHarness.productFields(title: "Mat", extra: ["handle": "Bad Handle!"]), ["handle"]),
            (PlatformHarness.productFields(title: "Mat", extra: ["images": [["src": "not a url"]]]), ["images[0].src"]),
            (["variants": "none"], ["title", "variants"]),
        ]
        for item in cases {
            let reply = try platform.send(.post, "/api/v1/products", host: shop.host, token: shop.ownerToken, json: item.fields)
            XCTAssertEqual(reply.status, 422, "\(item.fields): \(reply.text)")
            XCTAssertEqual(Set(reply.fieldNames), item.expected, reply.text)
        }
        let malformed = try platform.send(
            .post, "/api/v1/products", host: shop.host, token: shop.ownerToken, body: Array(#"{"title": "#.utf8))
        XCTAssertEqual(malformed.status, 422)
        XCTAssertEqual(malformed.problemCode, "request.malformed_json")
    }

    func testCSVWithoutHandleColumnIsRejected() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-csv")
        let reply = try platform.uploadCSV("Title,Variant Price\nMat,10.00\n", to: shop)
        XCTAssertEqual(reply.status, 422, reply.text)
        XCTAssertEqual(reply.problemCode, "import.missing_column")
        XCTAssertTrue(reply.text.contains("'Handle'"), reply.text)

        let wrongType = try platform.send(
            .post, "/api/v1/imports", host: shop.host, token: shop.ownerToken,
            headers: [("Content-Type", "application/json")], body: Array("Handle\nmat\n".utf8))
        XCTAssertEqual(wrongType.status, 415, wrongType.text)
        let notUTF8 = try platform.send(
            .post, "/api/v1/imports", host: shop.host, token: shop.ownerToken,
            headers: [("Content-Type", "text/csv")], body: [0x48, 0x61, 0xff, 0xfe, 0x0a])
        XCTAssertEqual(notUTF8.status, 422, notUTF8.text)
        XCTAssertEqual(notUTF8.problemCode, "csv.invalid_encoding")
    }

    func testCSVRowErrorsNameRowAndColumn() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-rows")
        let csv = """
            Handle,Title,Option1 Name,Option1 Value,Variant Price,Variant Inventory Qty
            good-mat,Good Mat,Size,M,10.00,3
            comma-mat,Comma Mat,Size,M,"12,50",1
            sign-mat,Sign Mat,Size,M,-1,1
            exponent-mat,Exponent Mat,Size,M,1e9,1
            ,Orphan,Size,M,5.00,1
            untitled-mat,,Size,M,5.00,1
            """
        let job = try platform.importCSV(csv, to: shop)
        XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
        XCTAssertEqual(job["products_created"] as? Int, 1)
        // Each skipped product also gets an error for its whole row, with an empty column.
        let errors = (job["errors"] as? [[String: Any]] ?? []).filter { !($0["column"] as? String ?? "").isEmpty }
        let located = Set(errors.map { "\($0["row"] as? Int ?? 0) \($0["column"] as? String ?? "")" })
        XCTAssertEqual(
            located, ["3 Variant Price", "4 Variant Price", "5 Variant Price", "6 Handle", "7 Title"], "\(errors)")

        let missingTitleColumn = try platform.importCSV("Handle,Variant Price\nnew-mat,10.00\n", to: shop)
        let missing = missingTitleColumn["errors"] as? [[String: Any]] ?? []
        XCTAssertEqual(missing.first?["row"] as? Int, 2, "\(missing)")
        XCTAssertEqual(missing.first?["column"] as? String, "Title", "\(missing)")
    }

    func testStarterPlanLimitIs402NamingLimit() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-limit", plan: "starter")
        var csv = "Handle,Title,Variant Price\n"
        for index in 0..<101 { csv += "mat-\(index),Mat \(index),10.00\n" }
        let job = try platform.importCSV(csv, to: shop)
        XCTAssertEqual(job["products_created"] as? Int, 100, "\(job)")
        let errors = job["errors"] as? [[String: Any]] ?? []
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertTrue((errors.first?["message"] as? String ?? "").contains("at most 100 products"), "\(errors)")

        let reply = try platform.send(
            .post, "/api/v1/products", host: shop.host, token: shop.ownerToken,
            json: PlatformHarness.productFields(title: "One Too Many"))
        XCTAssertEqual(reply.status, 402, reply.text)
        XCTAssertEqual(reply.problemCode, "plan.product_limit_reached")
        XCTAssertEqual(reply.json["limit"] as? Int, 100)
    }

    func testConcurrentCreatesStayWithinLimit() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-race", plan: "starter")
        var csv = "Handle,Title,Variant Price\n"
        for index in 0..<95 { csv += "pot-\(index),Pot \(index),10.00\n" }
        XCTAssertEqual(try platform.importCSV(csv, to: shop)["products_created"] as? Int, 95)

        let statuses = Statuses()
        runConcurrently(12) { index in
            let reply = try? platform.send(
                .post, "/api/v1/products", host: shop.host, token: shop.ownerToken,
                json: PlatformHarness.productFields(title: "Racing Pot \(index)"))
            statuses.add(reply?.status ?? 0)
        }
        XCTAssertEqual(statuses.counts[201], 5, "\(statuses.counts)")
        XCTAssertEqual(statuses.counts[402], 7, "\(statuses.counts)")
        XCTAssertEqual(try platform.allProducts(in: shop, token: shop.ownerToken).count, 100)
    }
}

/// Counts HTTP statuses from concurrent requests.
final class Statuses: Sendable {
    private let values = Mutex<[Int: Int]>([:])

    func add(_ status: Int) {
        values.withLock { $0[status, default: 0] += 1 }
    }

    var counts: [Int: Int] { values.withLock { $0 } }
}
