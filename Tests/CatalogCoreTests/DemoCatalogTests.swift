import CatalogCore
import CommonKernel
import Foundation
import XCTest

/// Checks that the seed catalog imports cleanly, because `catalog-svc seed` loads it into the demo shop.
final class DemoCatalogTests: XCTestCase {
    private var demoFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Services/catalog-svc/Seed/demo-catalog.csv")
    }

    func testDemoCatalogImportsWithoutIssues() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importCSV.execute(csv: [UInt8](Data(contentsOf: demoFile)), tenant: tenant)
        let products = try catalog.allProducts(of: tenant)
        let expected = try ShopifyFileCounts(demoFile)

        XCTAssertEqual(job.report.errors, [])
        XCTAssertEqual(job.report.warnings, [])
        XCTAssertEqual(products.count, 24)
        XCTAssertEqual(products.count, expected.products)
        XCTAssertEqual(products.values.map(\.variants.count).reduce(0, +), expected.variants)
        XCTAssertEqual(products.values.map(\.images.count).reduce(0, +), expected.images)

        let prices = products.values.flatMap { $0.variants.map(\.price) }
        XCTAssertTrue(prices.allSatisfy { $0.currency == .bdt }, "\(prices)")
        XCTAssertTrue(prices.allSatisfy { $0.minorUnits > 0 }, "\(prices)")
        let sources = products.values.flatMap { $0.images.map(\.src) }
        XCTAssertTrue(sources.allSatisfy { $0.hasPrefix("/static/demo/") }, "\(sources)")

        let scarf = try XCTUnwrap(products["jamdani-orna-scarf"])
        XCTAssertEqual(scarf.variants.map(\.optionValues), [["Rose"], ["Leaf Green"], ["Sky"]])
        XCTAssertEqual(scarf.variants[0].price.formatted, "3200.00")
        XCTAssertEqual(scarf.variants[0].compareAtPrice?.formatted, "3800.00")
        XCTAssertEqual(
            scarf.images.first { $0.variantIDs.contains(scarf.variants[0].id) }?.src,
            "/static/demo/jamdani-orna-scarf-rose.jpg")
        XCTAssertEqual(products["khadi-cotton-panjabi"]?.options.map(\.name), ["Size", "Colour"])
        XCTAssertEqual(products["khadi-cotton-panjabi"]?.variants.count, 6)
        XCTAssertEqual(products["checked-cotton-lungi"]?.status, .draft)
        XCTAssertEqual(products["palm-leaf-hand-fan"]?.variants.first?.inventoryPolicy, .continue)
        XCTAssertEqual(products["shokher-hari-painted-pot"]?.options, [.defaultTitle])
    }

    func testDemoCatalogRoundTripsThroughExport() throws {
        let source = Catalog()
        let sourceTenant = makeTenant()
        _ = try source.importCSV.execute(csv: [UInt8](Data(contentsOf: demoFile)), tenant: sourceTenant)
        let exported = try source.exportCSV.execute(tenant: sourceTenant)

        let target = Catalog()
        let targetTenant = makeTenant()
        let job = try target.importText(exported, into: targetTenant)
        XCTAssertEqual(job.report.errors, [])
        XCTAssertEqual(
            snapshots(try target.allProducts(of: targetTenant)), snapshots(try source.allProducts(of: sourceTenant)))
    }
}
