import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// Imports the Shopify exports of `$COMMERCE_DATA_DIR/shopify` through the API and compares the
/// result with counts taken by `ShopifyFileCounts`, a reading that shares no code with the importer.
final class CatalogImportTests: XCTestCase {
    func testShopifyFilesImportWithIndependentCounts() throws {
        let platform = try PlatformHarness.load()
        for url in try platform.shopifyFiles() {
            let name = url.lastPathComponent
            let expected = try ShopifyFileCounts(url)
            let shop = try platform.createShop(prefix: "cat-imp", plan: "enterprise")
            let job = try platform.importCSV(try String(contentsOf: url, encoding: .utf8), to: shop, fileName: name)

            XCTAssertEqual(job["status"] as? String, "succeeded", "\(name): \(job["failure_message"] ?? "")")
            XCTAssertEqual(job["rows_total"] as? Int, expected.records, "\(name) rows")
            XCTAssertEqual(job["rows_done"] as? Int, expected.records, "\(name) rows done")
            XCTAssertEqual((job["errors"] as? [Any])?.count, 0, "\(name) errors: \(job["errors"] ?? "")")
            XCTAssertEqual(job["products_created"] as? Int, expected.products, "\(name) products created")
            XCTAssertEqual(job["variants_created"] as? Int, expected.variants, "\(name) variants created")

            let products = try platform.allProducts(in: shop, token: shop.ownerToken)
            XCTAssertEqual(products.count, expected.products, "\(name) products listed")
            XCTAssertEqual(products.map { ($0["variants"] as? [Any])?.count ?? 0 }.reduce(0, +), expected.variants,
                           "\(name) variants listed")
            XCTAssertEqual(products.map { ($0["images"] as? [Any])?.count ?? 0 }.reduce(0, +), expected.images,
                           "\(name) images listed")
            let skuWarnings = (job["warnings"] as? [[String: Any]] ?? []).filter { $0["column"] as? String == "Variant SKU" }
            XCTAssertEqual(skuWarnings.count, min(expected.repeatedSKURows, 1000), "\(name) repeated SKU warnings")
        }
    }

    func testExportThenImportGivesEqualCatalog() throws {
        let platform = try PlatformHarness.load()
        for url in try platform.shopifyFiles() where url.lastPathComponent != "export_large_4088rows_crlf_dupskus.csv" {
            let name = url.lastPathComponent
            let source = try platform.createShop(prefix: "cat-src", plan: "enterprise")
            _ = try platform.importCSV(try String(contentsOf: url, encoding: .utf8), to: source, fileName: name)
            let export = try platform.send(.get, "/api/v1/products/export", host: source.host, token: source.ownerToken)
            XCTAssertEqual(export.status, 200, "\(name): \(export.text)")

            let target = try platform.createShop(prefix: "cat-dst", plan: "enterprise")
            let job = try platform.importCSV(export.text, to: target, fileName: "export-\(name)")
            XCTAssertEqual((job["errors"] as? [Any])?.count, 0, "\(name) re-import errors: \(job["errors"] ?? "")")

            let before = try catalog(of: source, platform)
            let after = try catalog(of: target, platform)
            XCTAssertEqual(Set(after.keys), Set(before.keys), "\(name) handles")
            for (handle, product) in before where after[handle] != product {
                XCTFail("\(name): \(handle) differs after export and import:\n\(product)\n\(after[handle] ?? "missing")")
            }
        }
    }

    func testReimportUpdatesInsteadOfDuplicating() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-again", plan: "enterprise")
        let csv = "Handle,Title,Option1 Name,Option1 Value,Variant Price,Variant Inventory Qty\n"
            + "kantha,Kantha,Size,S,10.00,4\nkantha,,,M,12.00,2\n"
        let first = try platform.importCSV(csv, to: shop)
        XCTAssertEqual(first["products_created"] as? Int, 1)
        let second = try platform.importCSV(csv.replacingOccurrences(of: "12.00,2", with: "13.00,7"), to: shop)
        XCTAssertEqual(second["products_created"] as? Int, 0)
        XCTAssertEqual(second["products_updated"] as? Int, 1)
        XCTAssertEqual(second["variants_updated"] as? Int, 2)

        let products = try platform.allProducts(in: shop, token: shop.ownerToken)
        XCTAssertEqual(products.count, 1)
        let variants = products.first?["variants"] as? [[String: Any]] ?? []
        XCTAssertEqual(variants.map { $0["price"] as? String }, ["10.00", "13.00"])
        XCTAssertEqual(variants.map { $0["inventory_quantity"] as? Int }, [4, 7])
    }

    /// Returns each product by handle as a comparable text: fields, variants with price, stock and
    /// options, and images, without ids and times.
    private func catalog(of shop: Shop, _ platform: PlatformHarness) throws -> [String: String] {
        var result: [String: String] = [:]
        for product in try platform.allProducts(in: shop, token: shop.ownerToken) {
            let handle = product["handle"] as? String ?? ""
            let fields = ["title", "body_html", "vendor", "product_type", "tags", "status", "published"]
                .map { "\($0)=\(product[$0] ?? "")" }
            let variants = (product["variants"] as? [[String: Any]] ?? []).map { variant in
                ["title", "sku", "price", "compare_at_price", "inventory_quantity", "inventory_policy", "grams",
                 "weight_unit", "taxable", "requires_shipping", "inventory_management", "cost_per_item"]
                    .map { "\($0)=\(variant[$0] ?? "nil")" }.joined(separator: " ")
            }
            let images = (product["images"] as? [[String: Any]] ?? []).map {
                "\($0["position"] ?? "") \($0["src"] ?? "") \($0["alt"] ?? "") \(($0["variant_ids"] as? [Any])?.count ?? 0)"
            }
            result[handle] = (fields + variants + images).joined(separator: "\n")
        }
        return result
    }
}
