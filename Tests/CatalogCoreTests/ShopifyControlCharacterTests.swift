import CatalogCore
import CommonKernel
import Foundation
import XCTest

/// Control characters in an imported file and in the upload's file name.
final class ShopifyControlCharacterTests: XCTestCase {
    private let header = "Handle,Title,Body (HTML),Vendor,Variant SKU,Variant Price,Option1 Linked To,Status"

    private func file(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    func testReaderKeepsNULInsideField() throws {
        let records = try CSVReader.records(from: Array("Handle,Title\nmug,A\u{0}B\n".utf8))
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records[1].fields, ["mug", "A\u{0}B"])
    }

    func testNULInTitleIsRowError() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(
            file([
                "mug,A\u{0}B,,,MUG-1,100,,active",
                "plate,Clay Plate,,,PLATE-1,200,,active",
            ]), into: tenant)

        XCTAssertEqual(job.status, .succeeded)
        XCTAssertEqual(job.report.errors.map(\.row), [2])
        XCTAssertEqual(job.report.errors.map(\.column), ["Title"])
        XCTAssertTrue(job.report.errors.first?.message.contains("U+0000") ?? false, "\(job.report.errors)")
        XCTAssertEqual(job.report.productsCreated, 1)
        XCTAssertNil(try catalog.products.find(handle: "mug", tenantID: tenant.id))
        XCTAssertEqual(try catalog.products.find(handle: "plate", tenantID: tenant.id)?.title, "Clay Plate")
    }

    func testEveryForbiddenCellOfProductIsListed() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(
            file([
                "mug,Mug,,Kari\u{1B}gor,MUG-1,100,,active",
                "mug,,,,MUG-2\u{7F},100,,",
            ]), into: tenant)

        XCTAssertEqual(job.report.errors.map { "\($0.row) \($0.column)" }, ["2 Vendor", "3 Variant SKU"])
        XCTAssertEqual(job.report.productsCreated, 0)
        XCTAssertNil(try catalog.products.find(handle: "mug", tenantID: tenant.id))
    }

    func testTabAndLineBreaksStayAllowed() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(
            file(["mug,Mug,\"<p>Tall\tmug</p>\r\n<p>Blue</p>\",,MUG-1,100,,active"]), into: tenant)

        XCTAssertEqual(job.report.errors, [])
        let product = try XCTUnwrap(catalog.products.find(handle: "mug", tenantID: tenant.id))
        XCTAssertEqual(product.bodyHTML, "<p>Tall\tmug</p>\r\n<p>Blue</p>")
    }

    func testIgnoredColumnMayHoldControlCharacter() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let job = try catalog.importText(file(["mug,Mug,,,MUG-1,100,x\u{1}y,active"]), into: tenant)

        XCTAssertEqual(job.report.errors, [])
        XCTAssertEqual(job.report.productsCreated, 1)
    }

    func testFileNameRules() throws {
        XCTAssertEqual(try ImportShopifyCSV.checkFileName("products (2).csv"), "products (2).csv")
        let cases: [(String, String)] = [
            ("", "invalid_length"),
            (String(repeating: "a", count: 256), "invalid_length"),
            ("a\u{0}b.csv", "control_character"),
            ("a\nb.csv", "control_character"),
            ("a\tb.csv", "control_character"),
            ("a\u{7F}.csv", "control_character"),
            ("../etc/products.csv", "path_separator"),
            ("folder\\products.csv", "path_separator"),
        ]
        for (name, code) in cases {
            let error = assertAppError(code: "request.invalid_fields", name.debugDescription) {
                _ = try ImportShopifyCSV.checkFileName(name)
            }
            XCTAssertEqual(error?.fieldErrors.map(\.field), ["file_name"], name.debugDescription)
            XCTAssertEqual(error?.fieldErrors.map(\.code), [code], name.debugDescription)
        }
    }
}
