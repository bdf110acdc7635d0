import CommonKernel
import Foundation
import XCTest

/// Control characters in a CSV upload through Caddy: a cell with one is a row error, as the
/// JSON API's `control_character`, and a bad `file_name` is rejected before a job exists.
final class CatalogImportControlCharacterTests: XCTestCase {
    func testNULInTitleIsRowError() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-nul")
        let csv = "Handle,Title,Variant Price\nnul-mat,A\u{0}B,10.00\ngood-mat,Good Mat,12.00\n"

        let job = try platform.importCSV(csv, to: shop)
        XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
        XCTAssertEqual(job["products_created"] as? Int, 1, "\(job)")
        let errors = job["errors"] as? [[String: Any]] ?? []
        XCTAssertEqual(errors.map { $0["row"] as? Int }, [2], "\(errors)")
        XCTAssertEqual(errors.map { $0["column"] as? String }, ["Title"], "\(errors)")

        let handles = try platform.allProducts(in: shop, token: shop.ownerToken).compactMap { $0["handle"] as? String }
        XCTAssertEqual(handles, ["good-mat"])
    }

    /// A NUL in the name cannot even be decoded from the query (400); other bad names get 422.
    func testBadFileNameIsRejectedNamingField() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "cat-name")
        let csv = "Handle,Title,Variant Price\nmat,Mat,10.00\n"

        let cases = [("a\u{0}b.csv", 400), ("a\u{1B}b.csv", 422), ("../products.csv", 422), ("dir\\products.csv", 422)]
        for (name, status) in cases {
            let reply = try platform.uploadCSV(csv, to: shop, fileName: name)
            XCTAssertEqual(reply.status, status, "\(name.debugDescription): \(reply.text)")
            XCTAssertEqual(reply.fieldNames, ["file_name"], "\(name.debugDescription): \(reply.text)")
        }
        let accepted = try platform.uploadCSV(csv, to: shop, fileName: "spring sale.csv")
        XCTAssertEqual(accepted.status, 202, accepted.text)
        XCTAssertEqual(accepted.json["file_name"] as? String, "spring sale.csv")
    }
}
