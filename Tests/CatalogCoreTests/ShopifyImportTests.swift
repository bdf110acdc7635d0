import CatalogCore
import CommonKernel
import Foundation
import XCTest

final class ShopifyImportTests: XCTestCase {
    private let header =
        "Handle,Title,Body (HTML),Vendor,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,"
        + "Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,"
        + "Variant Compare At Price,Image Src,Image Position,Image Alt Text,Variant Weight Unit,Status"

    private func file(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    private func issues(_ list: [ImportIssue]) -> [String] {
        list.map { "\($0.row) \($0.column)" }
    }

    func testProductSpansRowsWithVariantsAndImages() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(
            file([
                "kantha,Nakshi Kantha,\"<p>Hand-stitched, layered cotton.</p>\",Karigor,\"quilt, handmade\",true,Size,Single,Colour,Red,NK-S-R,1200.5,shopify,4,deny,2500.00,3000.00,/static/demo/kantha-1.jpg,1,Front,kg,active",
                "kantha,,,,,,,Double,,Red,NK-D-R,1800,shopify,2,continue,3200,,/static/demo/kantha-2.jpg,2,,kg,",
                "kantha,,,,,,,,,,,,,,,,,/static/demo/kantha-3.jpg,3,Detail,,",
            ]), into: tenant)

        XCTAssertEqual(job.status, .succeeded)
        XCTAssertEqual(job.report.rowsTotal, 3)
        XCTAssertEqual(job.report.rowsDone, 3)
        XCTAssertEqual(job.report.productsCreated, 1)
        XCTAssertEqual(job.report.variantsCreated, 2)
        XCTAssertEqual(job.report.errors, [])

        let product = try XCTUnwrap(catalog.products.find(handle: "kantha", tenantID: tenant.id))
        XCTAssertEqual(product.title, "Nakshi Kantha")
        XCTAssertEqual(product.bodyHTML, "<p>Hand-stitched, layered cotton.</p>")
        XCTAssertEqual(product.tags, ["quilt", "handmade"])
        XCTAssertEqual(
            product.options,
            [
                ProductOption(name: "Size", values: ["Single", "Double"]),
                ProductOption(name: "Colour", values: ["Red"]),
            ])
        XCTAssertEqual(product.variants.map(\.optionValues), [["Single", "Red"], ["Double", "Red"]])
        XCTAssertEqual(product.variants.map(\.price), [taka("2500"), taka("3200")])
        XCTAssertEqual(product.variants[0].compareAtPrice, taka("3000"))
        XCTAssertEqual(product.variants.map(\.inventoryQuantity), [4, 2])
        XCTAssertEqual(product.variants.map(\.inventoryPolicy), [.deny, .continue])
        XCTAssertEqual(product.variants[0].weight, Weight(milligrams: 1_200_500, unit: .kg))
        XCTAssertEqual(
            product.images.map(\.src),
            ["/static/demo/kantha-1.jpg", "/static/demo/kantha-2.jpg", "/static/demo/kantha-3.jpg"])
        XCTAssertEqual(product.images.map(\.alt), ["Front", "", "Detail"])
    }

    func testEmptyOptionColumnsMakeDefaultTitleVariant() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        _ = try catalog.importText(
            file(["pot,Clay Pot,,,,true,,,,,POT-1,,shopify,5,deny,450,,,,,,active"]), into: tenant)
        let product = try XCTUnwrap(catalog.products.find(handle: "pot", tenantID: tenant.id))
        XCTAssertEqual(product.options, [.defaultTitle])
        XCTAssertEqual(product.variants.map(\.optionValues), [["Default Title"]])
        XCTAssertEqual(product.variants.first?.price, taka("450"))
    }

    func testBadPricesAreRowErrorsNamingColumn() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(
            file([
                "mug,Mug,,,,true,Size,S,,,M-S,,shopify,1,deny,12.50,,,,,,active",
                "mug,,,,,,,M,,,M-M,,shopify,1,deny,\"12,50\",,,,,,",
                "mug,,,,,,,L,,,M-L,,shopify,1,deny,-1,,,,,,",
                "mug,,,,,,,XL,,,M-XL,,shopify,1,deny,1e9,,,,,,",
                "mug,,,,,,,XXL,,,M-XXL,,shopify,1,deny,15,abc,,,,,",
            ]), into: tenant)

        XCTAssertEqual(
            issues(job.report.errors),
            ["3 Variant Price", "4 Variant Price", "5 Variant Price", "6 Variant Compare At Price"])
        XCTAssertTrue(job.report.errors[0].message.contains("comma"), job.report.errors[0].message)
        XCTAssertTrue(job.report.errors[1].message.contains("sign"), job.report.errors[1].message)
        XCTAssertTrue(job.report.errors[2].message.contains("exponent"), job.report.errors[2].message)
        let product = try XCTUnwrap(catalog.products.find(handle: "mug", tenantID: tenant.id))
        XCTAssertEqual(product.variants.map(\.sku), ["M-S"], "good rows go in, bad rows stay out")
        XCTAssertEqual(product.options.first?.values, ["S"], "values of skipped rows are not options")
        XCTAssertEqual(job.report.rowsDone, 5)
    }

    func testMissingHandleColumnRejectsFile() {
        let catalog = Catalog()
        let tenant = makeTenant()
        let error = assertAppError(code: "import.missing_column") {
            _ = try catalog.importText("Title,Variant Price\nMug,10\n", into: tenant)
        }
        XCTAssertTrue(error?.detail.contains("'Handle'") ?? false, error?.detail ?? "")
        let job = try? catalog.jobs.list(tenantID: tenant.id, limit: 1).first
        XCTAssertEqual(job?.status, .failed)
        XCTAssertEqual(job?.failureMessage, error?.detail)
    }

    func testUnknownOptionValuesAndEmptyTitles() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(
            file([
                "scarf,Silk Scarf,,,,true,Colour,Blue,,,SC-B,,shopify,1,deny,900,,,,,,active",
                "scarf,,,,,,,Green,Size,Long,SC-G,,shopify,1,deny,900,,,,,,",
                "scarf,,,,,,,,,,SC-X,,shopify,1,deny,900,,,,,,",
                "plain,Plain Pot,,,,true,,Large,,,P-L,,shopify,1,deny,100,,,,,,active",
                "untitled,,,,,true,,,,,U-1,,shopify,1,deny,100,,,,,,active",
                "untitled,,,,,,,,,,U-2,,shopify,1,deny,100,,,,,,",
                ",Orphan,,,,true,,,,,O-1,,shopify,1,deny,100,,,,,,active",
            ]), into: tenant)

        XCTAssertEqual(
            issues(job.report.errors).sorted(),
            [
                "3 Option2 Value", "4 Option1 Value", "5 Option1 Value", "5 ", "6 Title", "8 Handle",
            ].sorted())
        let messages = Dictionary(
            job.report.errors.map { ("\($0.row) \($0.column)", $0.message) }, uniquingKeysWith: { first, _ in first })
        XCTAssertTrue(messages["3 Option2 Value"]?.contains("no Option2 Name") ?? false)
        XCTAssertTrue(messages["4 Option1 Value"]?.contains("\"Colour\"") ?? false)
        XCTAssertTrue(messages["6 Title"]?.contains("empty") ?? false)
        XCTAssertEqual(try catalog.products.find(handle: "scarf", tenantID: tenant.id)?.variants.map(\.sku), ["SC-B"])
        XCTAssertNil(
            try catalog.products.find(handle: "plain", tenantID: tenant.id),
            "a product whose only variant row fails has no variants")
        XCTAssertNil(
            try catalog.products.find(handle: "untitled", tenantID: tenant.id), "a bad first row skips the product")
        XCTAssertEqual(job.report.rowsDone, 7)
    }

    func testDuplicateSKUsAreWarnings() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(
            file([
                "a,A,,,,true,Size,S,,,DUP,,shopify,1,deny,10,,,,,,active",
                "a,,,,,,,M,,,DUP,,shopify,1,deny,10,,,,,,",
                "b,B,,,,true,,,,,DUP,,shopify,1,deny,10,,,,,,active",
            ]), into: tenant)
        XCTAssertEqual(job.report.errors, [])
        XCTAssertEqual(issues(job.report.warnings), ["3 Variant SKU", "4 Variant SKU"])
        XCTAssertEqual(job.report.variantsCreated, 3)
    }

    func testReimportUpdatesInsteadOfDuplicating() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let rows = [
            "mug,Mug,,,,true,Size,S,,,M-S,,shopify,3,deny,10,,/static/demo/mug.jpg,1,,,active",
            "mug,,,,,,,M,,,M-M,,shopify,4,deny,12,,,,,,",
        ]
        _ = try catalog.importText(file(rows), into: tenant)
        let first = try XCTUnwrap(catalog.products.find(handle: "mug", tenantID: tenant.id))

        let changed = [rows[0].replacingOccurrences(of: ",3,deny,10,", with: ",7,deny,11,"), rows[1]]
        let job = try catalog.importText(file(changed), into: tenant)
        XCTAssertEqual(job.report.productsCreated, 0)
        XCTAssertEqual(job.report.productsUpdated, 1)
        XCTAssertEqual(job.report.variantsUpdated, 2)
        XCTAssertEqual(job.report.variantsCreated, 0)

        let second = try XCTUnwrap(catalog.products.find(handle: "mug", tenantID: tenant.id))
        XCTAssertEqual(try catalog.products.count(tenantID: tenant.id), 1)
        XCTAssertEqual(second.id, first.id)
        XCTAssertEqual(second.variants.map(\.id), first.variants.map(\.id))
        XCTAssertEqual(second.images.map(\.id), first.images.map(\.id))
        XCTAssertEqual(second.variants.map(\.price), [taka("11"), taka("12")])
        XCTAssertEqual(second.variants.map(\.inventoryQuantity), [7, 4])
        XCTAssertEqual(
            try catalog.inventory.movements(variantID: first.variants[0].id, tenantID: tenant.id).map(\.reason),
            ["import"])
    }

    func testPartialFileKeepsOtherFields() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        _ = try catalog.importText(
            file(["mug,Mug,<p>Tall</p>,Potters,clay,true,Size,S,,,M-S,250,shopify,3,deny,10,14,,,,g,active"]),
            into: tenant)
        let job = try catalog.importText("Handle,Option1 Value,Variant Price\nmug,S,9.50\n", into: tenant)
        XCTAssertEqual(job.report.errors, [])

        let product = try XCTUnwrap(catalog.products.find(handle: "mug", tenantID: tenant.id))
        XCTAssertEqual(product.variants.first?.price, taka("9.50"))
        XCTAssertEqual(product.variants.first?.compareAtPrice, taka("14"))
        XCTAssertEqual(product.variants.first?.sku, "M-S")
        XCTAssertEqual(product.variants.first?.weight, Weight(milligrams: 250_000, unit: .g))
        XCTAssertEqual(product.bodyHTML, "<p>Tall</p>")
        XCTAssertEqual(product.options.first?.name, "Size")
    }

    func testPlanLimitStopsNewProductsOnly() throws {
        let catalog = Catalog()
        let tenant = makeTenant(maxProducts: 1)
        let job = try catalog.importText(
            file([
                "a,A,,,,true,,,,,A1,,shopify,1,deny,10,,,,,,active",
                "b,B,,,,true,,,,,B1,,shopify,1,deny,10,,,,,,active",
            ]), into: tenant)
        XCTAssertEqual(job.report.productsCreated, 1)
        XCTAssertEqual(issues(job.report.errors), ["3 "])
        XCTAssertTrue(
            job.report.errors.first?.message.contains("at most 1 products") ?? false,
            job.report.errors.first?.message ?? "")
    }

    func testJPYPricesRejectDecimals() throws {
        let catalog = Catalog()
        let tenant = makeTenant(currency: "JPY")
        let job = try catalog.importText(
            file(["fan,Fan,,,,true,,,,,F1,,shopify,1,deny,1250.50,,,,,,active"]), into: tenant)
        XCTAssertEqual(issues(job.report.errors), ["2 Variant Price", "2 "], "the price error and the skipped product")
        XCTAssertTrue(
            job.report.errors.first?.message.contains("JPY allows no decimals") ?? false,
            job.report.errors.first?.message ?? "")
    }
}

final class ImportJobTests: XCTestCase {
    func testEnqueuedJobRunsToSuccess() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let queued = try catalog.importCSV.enqueue(fileName: "shop.csv", tenant: tenant)
        XCTAssertEqual(queued.status, .queued)

        let text = "Handle,Title,Variant Price\nmug,Mug,10\n"
        let finished = try catalog.importCSV.execute(csv: Array(text.utf8), tenant: tenant, jobID: queued.id)
        XCTAssertEqual(finished.id, queued.id)
        XCTAssertEqual(finished.status, .succeeded)
        XCTAssertNotNil(finished.finishedAt)
        XCTAssertEqual(try catalog.jobs.find(id: queued.id, tenantID: tenant.id), finished)
        XCTAssertEqual(try catalog.jobs.list(tenantID: tenant.id, limit: 10).count, 1)
    }

    func testStoreFailureMarksJobFailed() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let importer = ImportShopifyCSV(
            products: UnavailableProductRepository(), inventory: catalog.inventory, jobs: catalog.jobs)
        assertAppError(code: "database.unavailable") {
            _ = try importer.execute(csv: Array("Handle,Title\nmug,Mug\n".utf8), tenant: tenant)
        }
        let job = try XCTUnwrap(catalog.jobs.list(tenantID: tenant.id, limit: 1).first)
        XCTAssertEqual(job.status, .failed)
        XCTAssertEqual(job.failureMessage, "The import stopped because of a server error. Try again later.")
    }
}

/// A product repository whose database is down.
private struct UnavailableProductRepository: ProductRepository {
    private var down: AppError {
        AppError(.unavailable, code: "database.unavailable", detail: "The database is unavailable.")
    }

    func create(_ product: Product, tenantID: UUID, productLimit: Int?, event: CatalogEvent) throws { throw down }
    func update(_ product: Product, tenantID: UUID, event: CatalogEvent) throws -> Product { throw down }
    func softDelete(id: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws { throw down }
    func find(id: UUID, tenantID: UUID) throws -> Product? { throw down }
    func find(handle: String, tenantID: UUID) throws -> Product? { throw down }
    func list(_ query: ProductQuery, tenantID: UUID) throws -> ProductPage { throw down }
    func count(tenantID: UUID) throws -> Int { throw down }
    func productIDs(withSKU sku: String, tenantID: UUID) throws -> [UUID] { throw down }
}
