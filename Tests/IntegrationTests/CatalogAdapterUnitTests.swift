@testable import CatalogAdapters
import CatalogCore
import CommonKernel
import Foundation
import XCTest

/// The catalog adapters' pure parts, which need no running platform.
final class CatalogAdapterUnitTests: XCTestCase {
    func testArrayLiteralRoundTrip() {
        let values = ["plain", "with space", "comma,inside", "quote\"inside", "back\\slash", "NULL", "", "{brace}", "নকশী"]
        let text = PostgresArray(values).postgresText ?? ""
        XCTAssertEqual(PostgresArray.parse(text), values)
        XCTAssertEqual(PostgresArray.parse("{}"), [])
        XCTAssertEqual(PostgresArray.parse("{a,\"b c\",\"d\\\"e\"}"), ["a", "b c", "d\"e"])
        XCTAssertNil(PostgresArray.parse("a,b"))
    }

    func testJSONWriterOutputParsesBack() throws {
        var writer = JSONWriter()
        writer.object { json in
            json.member("text", "line\nbreak \"quoted\" \\ \u{01} নকশী")
            json.member("missing", nil as String?)
            json.member("count", -3)
            json.member("flag", true)
            json.member("grams", number: "226.796")
            json.key("list")
            json.array([1, 2]) { json, value in json.object { json in json.member("n", value) } }
            json.key("empty")
            json.array([String]()) { json, value in json.string(value) }
        }
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
        XCTAssertEqual(parsed["text"] as? String, "line\nbreak \"quoted\" \\ \u{01} নকশী")
        XCTAssertTrue(parsed["missing"] is NSNull)
        XCTAssertEqual(parsed["count"] as? Int, -3)
        XCTAssertEqual(parsed["flag"] as? Bool, true)
        XCTAssertEqual(parsed["grams"] as? Double, 226.796)
        XCTAssertEqual((parsed["list"] as? [[String: Int]])?.map { $0["n"] }, [1, 2])
        XCTAssertEqual((parsed["empty"] as? [Any])?.count, 0)
    }

    func testListParametersNameEachBadOne() {
        XCTAssertThrowsError(
            try ProductListRequest(
                parameters: ["limit": "0", "sort": "cheap", "in_stock": "maybe", "price_min": "1e9", "colour": "red"],
                currency: .bdt)
        ) { error in
            let fields = Set((error as? AppError)?.fieldErrors.map(\.field) ?? [])
            XCTAssertEqual(fields, ["limit", "sort", "in_stock", "price_min", "colour"])
        }
        XCTAssertThrowsError(
            try ProductListRequest(parameters: ["price_min": "500.00", "price_max": "100.00"], currency: .bdt)
        ) { error in
            XCTAssertEqual((error as? AppError)?.fieldErrors.map(\.field), ["price_max"])
        }
    }

    func testListParametersBuildQuery() throws {
        let request = try ProductListRequest(
            parameters: [
                "limit": "24", "sort": "price_desc", "collection": "winter-picks", "tag": "silk", "q": "jamdani",
                "price_min": "10.50", "in_stock": "true", "status": "draft",
            ], currency: .bdt)
        XCTAssertEqual(request.query.limit, 24)
        XCTAssertEqual(request.query.sort, .priceDescending)
        XCTAssertEqual(request.collectionHandle, "winter-picks")
        XCTAssertEqual(request.query.minimumPrice?.minorUnits, 1050)
        XCTAssertEqual(request.query.inStock, true)
        XCTAssertEqual(request.query.status, .draft)
        XCTAssertTrue(request.usesStaffFilters)
        XCTAssertEqual(
            ProductListRequest.canonicalText(["q": "a", "limit": "2"]), ProductListRequest.canonicalText(["limit": "2", "q": "a"]))
    }

    func testProductInputReadsShopifyFields() throws {
        let body = """
            {"title": "Kantha", "tags": "a, b", "status": "draft", "options": [{"name": "Size", "values": ["S"]}],
             "variants": [{"option1": "S", "price": "12.50", "grams": 145.5, "inventory_management": null}],
             "images": [{"src": "/static/k.jpg", "alt": "K"}], "id": "ignored", "created_at": "ignored"}
            """
        let draft = try ProductInput(currency: .bdt).draftForCreate(Array(body.utf8))
        XCTAssertEqual(draft.title, "Kantha")
        XCTAssertEqual(draft.tags, ["a", "b"])
        XCTAssertEqual(draft.status, .draft)
        XCTAssertEqual(draft.variants.first?.price.minorUnits, 1250)
        XCTAssertEqual(draft.variants.first?.weight.milligrams, 145_500)
        XCTAssertEqual(draft.variants.first?.tracksInventory, false)
        XCTAssertEqual(draft.images.first?.alt, "K")

        let bad = #"{"title": 3, "variants": [{"price": 12.5, "inventory_policy": "sometimes"}], "extra": 1}"#
        XCTAssertThrowsError(try ProductInput(currency: .bdt).draftForCreate(Array(bad.utf8))) { error in
            let fields = Set((error as? AppError)?.fieldErrors.map(\.field) ?? [])
            XCTAssertEqual(fields, ["title", "variants[0].price", "variants[0].inventory_policy", "extra"])
        }
    }
}
