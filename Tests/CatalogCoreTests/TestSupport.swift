import CatalogCore
import CommonKernel
import Foundation
import XCTest

/// Makes a tenant of its own for each test, so tests never see each other's rows.
func makeTenant(currency: String = "BDT", maxProducts: Int? = nil) -> TenantRecord {
    TenantRecord(
        id: UUID(), name: "Test Shop", subdomain: "shop-\(UUID().uuidString.prefix(8).lowercased())", status: .active,
        plan: PlanLimits(code: "test", maxProducts: maxProducts, maxStaff: nil, maxStorageBytes: nil),
        currency: currency)
}

/// The in-memory adapters of one simulated database, with the use cases wired to them.
struct Catalog {
    let storage = InMemoryCatalogStorage()
    var products: InMemoryProductRepository { InMemoryProductRepository(storage: storage) }
    var inventory: InMemoryInventoryRepository { InMemoryInventoryRepository(storage: storage) }
    var jobs: InMemoryImportJobRepository { InMemoryImportJobRepository(storage: storage) }

    var create: CreateProduct { CreateProduct(products: products) }
    var update: UpdateProduct { UpdateProduct(products: products) }
    var delete: DeleteProduct { DeleteProduct(products: products) }
    var list: ListProducts { ListProducts(products: products) }
    var importCSV: ImportShopifyCSV { ImportShopifyCSV(products: products, inventory: inventory, jobs: jobs) }
    var exportCSV: ExportShopifyCSV { ExportShopifyCSV(products: products) }

    /// Imports CSV text and returns the finished job.
    func importText(_ text: String, into tenant: TenantRecord) throws -> ImportJob {
        try importCSV.execute(csv: Array(text.utf8), fileName: "test.csv", tenant: tenant)
    }

    /// Returns every live product of the tenant, by handle.
    func allProducts(of tenant: TenantRecord) throws -> [String: Product] {
        var result: [String: Product] = [:]
        var query = ProductQuery(limit: ProductQuery.maximumLimit, sort: .title)
        repeat {
            let page = try products.list(query, tenantID: tenant.id)
            for product in page.products { result[product.handle] = product }
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return result
    }
}

func taka(_ text: String) -> Money {
    try! Money.parse(text, currency: .bdt, field: "test")
}

/// Asserts that `body` throws an `AppError` with `code` and returns it for further checks.
@discardableResult
func assertAppError(
    code: String, _ message: String = "", file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
) -> AppError? {
    do {
        try body()
        XCTFail("expected \(code), but nothing was thrown. \(message)", file: file, line: line)
    } catch let error as AppError {
        XCTAssertEqual(error.code, code, message, file: file, line: line)
        return error
    } catch {
        XCTFail("expected AppError \(code), got \(error). \(message)", file: file, line: line)
    }
    return nil
}
