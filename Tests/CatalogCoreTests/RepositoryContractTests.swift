import CatalogCore
import XCTest

final class RepositoryContractTests: XCTestCase {
    func testInMemoryAdaptersKeepContract() {
        let checks = CatalogRepositoryContract.checks
        XCTAssertGreaterThan(checks.count, 20, "the contract lost checks")
        for check in checks {
            do {
                try check.run(CatalogRepositories.inMemory())
            } catch {
                XCTFail("\(check.name): \(error)")
            }
        }
    }

    func testContractDetectsBrokenAdapter() {
        // An adapter that ignores the plan limit must fail the contract, or the contract proves nothing.
        let storage = InMemoryCatalogStorage()
        var repositories = CatalogRepositories.inMemory()
        repositories.products = LimitIgnoringRepository(inner: InMemoryProductRepository(storage: storage))
        repositories.inventory = InMemoryInventoryRepository(storage: storage)
        let check = CatalogRepositoryContract.checks.first { $0.name == "product limit enforced" }
        XCTAssertNotNil(check)
        XCTAssertThrowsError(try check?.run(repositories))
    }
}

/// A product repository that drops the plan limit, to show that the contract notices.
private struct LimitIgnoringRepository: ProductRepository {
    let inner: InMemoryProductRepository

    func create(_ product: Product, tenantID: UUID, productLimit: Int?, event: CatalogEvent) throws {
        try inner.create(product, tenantID: tenantID, productLimit: nil, event: event)
    }
    func update(_ product: Product, tenantID: UUID, event: CatalogEvent) throws -> Product {
        try inner.update(product, tenantID: tenantID, event: event)
    }
    func softDelete(id: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws {
        try inner.softDelete(id: id, tenantID: tenantID, at: time, event: event)
    }
    func find(id: UUID, tenantID: UUID) throws -> Product? { try inner.find(id: id, tenantID: tenantID) }
    func find(handle: String, tenantID: UUID) throws -> Product? { try inner.find(handle: handle, tenantID: tenantID) }
    func list(_ query: ProductQuery, tenantID: UUID) throws -> ProductPage { try inner.list(query, tenantID: tenantID) }
    func count(tenantID: UUID) throws -> Int { try inner.count(tenantID: tenantID) }
    func productIDs(withSKU sku: String, tenantID: UUID) throws -> [UUID] {
        try inner.productIDs(withSKU: sku, tenantID: tenantID)
    }
}
