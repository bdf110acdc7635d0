import CatalogCore
import CommonKernel
import Foundation
import XCTest

/// Imports the Shopify exports in `$COMMERCE_DATA_DIR/shopify` and compares the result with
/// counts taken by a separate, deliberately simple reading of the same files.
final class ShopifyFileTests: XCTestCase {
    private func dataFiles() throws -> [URL] {
        guard let directory = ProcessInfo.processInfo.environment["COMMERCE_DATA_DIR"], !directory.isEmpty else {
            throw XCTSkip("Set COMMERCE_DATA_DIR to a folder with shopify/*.csv to run the Shopify file tests.")
        }
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("shopify")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertFalse(files.isEmpty, "no CSV files in \(folder.path)")
        return files
    }

    private func file(named name: String) throws -> URL {
        guard let url = try dataFiles().first(where: { $0.lastPathComponent == name }) else {
            throw XCTSkip("\(name) is not in COMMERCE_DATA_DIR/shopify")
        }
        return url
    }

    private func importFile(
        _ url: URL, catalog: Catalog = Catalog(), tenant: TenantRecord = makeTenant(currency: "USD")
    ) throws -> (ImportJob, [String: Product]) {
        let bytes = try [UInt8](Data(contentsOf: url))
        let job = try catalog.importCSV.execute(csv: bytes, fileName: url.lastPathComponent, tenant: tenant)
        return (job, try catalog.allProducts(of: tenant))
    }

    func testImportMatchesIndependentCounts() throws {
        for url in try dataFiles() {
            let name = url.lastPathComponent
            let expected = try ShopifyFileCounts(url)
            let (job, products) = try importFile(url)

            XCTAssertEqual(job.status, .succeeded, name)
            XCTAssertEqual(job.report.rowsTotal, expected.records, "\(name) records")
            XCTAssertEqual(
                try CSVReader.records(from: [UInt8](Data(contentsOf: url))).count - 1, expected.records,
                "\(name) reader and simple split")
            XCTAssertEqual(job.report.errors, [], "\(name) errors")
            XCTAssertEqual(products.count, expected.products, "\(name) products")
            XCTAssertEqual(job.report.productsCreated, expected.products, "\(name) products created")
            XCTAssertEqual(products.values.map(\.variants.count).reduce(0, +), expected.variants, "\(name) variants")
            XCTAssertEqual(job.report.variantsCreated, expected.variants, "\(name) variants created")
            XCTAssertEqual(products.values.map(\.images.count).reduce(0, +), expected.images, "\(name) images")
            let skuWarnings = job.report.warnings.filter { $0.column == "Variant SKU" }.count
            XCTAssertEqual(skuWarnings, expected.repeatedSKURows, "\(name) duplicate SKU warnings")
        }
    }

    func testLargeFileDuplicateSKUsBecomeWarnings() throws {
        let url = try file(named: "export_large_4088rows_crlf_dupskus.csv")
        let (job, products) = try importFile(url)
        XCTAssertEqual(job.report.warningCount - job.report.warnings.filter { $0.column != "Variant SKU" }.count, 449)
        XCTAssertEqual(job.report.errorCount, 0)

        let repeated = try XCTUnwrap(job.report.warnings.first { $0.column == "Variant SKU" })
        XCTAssertTrue(repeated.message.contains("repeats the SKU of row"), repeated.message)
        let dolman = try XCTUnwrap(products["taylor-swift-eras-through-folklore-women-s-tri-blend-dolman-in-10-colors"])
        XCTAssertEqual(dolman.title, "Taylor Swift Eras through Folklore Women's Tri-Blend Dolman in 10 Colors")
        XCTAssertEqual(dolman.variants.count, 44)
        XCTAssertEqual(dolman.variants[0].optionValues, ["S", "Tri-Blend Envy"])
        XCTAssertEqual(dolman.variants[0].price.formatted, "34.00")
        XCTAssertEqual(dolman.variants[0].weight.unit, .lb)
        XCTAssertFalse(dolman.published)
        XCTAssertEqual(dolman.status, .active)
    }

    func testHandCheckedValues() throws {
        let (_, template) = try importFile(try file(named: "shopify_official_product_template.csv"))
        let shirt = try XCTUnwrap(template["example-shirt"])
        XCTAssertEqual(shirt.title, "Example T-Shirt")
        XCTAssertEqual(shirt.variants.count, 12)
        XCTAssertEqual(shirt.variants[0].sku, "SRT_COT_111")
        XCTAssertEqual(shirt.variants[0].optionValues, ["Green", "S"])
        XCTAssertEqual(shirt.variants[0].price.formatted, "25.00")
        XCTAssertEqual(shirt.variants[0].weight, Weight(milligrams: 145_000, unit: .g))
        XCTAssertEqual(
            shirt.images.first { $0.variantIDs.contains(shirt.variants[0].id) }?.src,
            "https://burst.shopifycdn.com/photos/green-t-shirt.jpg?width=1500")

        let (_, garden) = try importFile(try file(named: "shopifypartners_home-and-garden.csv"))
        let pot = try XCTUnwrap(garden["clay-plant-pot"])
        XCTAssertEqual(pot.variants.map(\.optionValues), [["Regular"], ["Large"]])
        XCTAssertEqual(pot.variants.map(\.price.formatted), ["9.99", "15.99"])
        XCTAssertEqual(pot.variants.map(\.inventoryQuantity), [1, 3])
        XCTAssertEqual(garden["copper-light"]?.variants.first?.compareAtPrice?.formatted, "75.00")

        let (_, jewelry) = try importFile(try file(named: "shopifypartners_jewelery.csv"))
        let bracelet = try XCTUnwrap(jewelry["chain-bracelet"])
        XCTAssertEqual(bracelet.title, "7 Shakra Bracelet")
        XCTAssertEqual(bracelet.variants.map(\.optionValues), [["Blue"], ["Black"]])
        XCTAssertEqual(bracelet.variants.map(\.price.formatted), ["42.99", "42.99"])
        XCTAssertEqual(bracelet.variants.map { $0.compareAtPrice?.formatted }, ["44.99", "44.99"])
        XCTAssertEqual(bracelet.variants.map(\.inventoryQuantity), [1, 0])

        let (_, multiline) = try importFile(try file(named: "export_variants_multiline_html_61rows.csv"))
        let copy = try XCTUnwrap(multiline.values.first { $0.handle.hasSuffix("travel-copy") })
        XCTAssertEqual(copy.variants.first?.price.formatted, "14.99")
        XCTAssertEqual(copy.variants.first?.inventoryQuantity, -2)
        XCTAssertEqual(copy.variants.first?.inventoryPolicy, .continue)
        XCTAssertEqual(copy.variants.first?.weight, Weight(milligrams: 56_416, unit: .oz))
        XCTAssertEqual(copy.status, .draft)
        XCTAssertTrue(multiline["mustache-wax"]?.bodyHTML.hasPrefix("<ul><li>All-Natural Ingredients") ?? false)
    }

    func testExportReimportGivesEqualCatalog() throws {
        for url in try dataFiles() {
            let name = url.lastPathComponent
            let source = Catalog()
            let sourceTenant = makeTenant(currency: "USD")
            let (_, original) = try importFile(url, catalog: source, tenant: sourceTenant)
            let exported = try source.exportCSV.execute(tenant: sourceTenant)

            let target = Catalog()
            let targetTenant = makeTenant(currency: "USD")
            let job = try target.importText(exported, into: targetTenant)
            XCTAssertEqual(job.report.errors, [], name)
            let copied = try target.allProducts(of: targetTenant)

            XCTAssertEqual(Set(copied.keys), Set(original.keys), "\(name) handles")
            let before = snapshots(original)
            let after = snapshots(copied)
            for (handle, snapshot) in before where after[handle] != snapshot {
                XCTFail(
                    "\(name): \(handle) differs after export and import:\n\(snapshot)\n\(String(describing: after[handle]))"
                )
            }
        }
    }
}
