@testable import CatalogAdapters
import CatalogCore
import CommonKernel
import Foundation
import XCTest

/// The PostgreSQL listing, which reads a page with its options, variants and images in one
/// statement, encodes to the same JSON as the in-memory reference repository, page by page.
final class CatalogListingParityTests: XCTestCase {
    func testListingJSONMatchesInMemory() throws {
        let database = try CatalogDatabase.open()
        defer { database.close() }
        let memory = CatalogRepositories.inMemory()
        let tenant = UUID()
        for product in Self.products(tenantID: tenant) {
            for repositories in [database.repositories, memory] {
                try repositories.products.create(
                    product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))
            }
        }

        for (name, query) in Self.queries() {
            let expected = try Self.pages(query, tenantID: tenant, repository: memory.products)
            let actual = try Self.pages(query, tenantID: tenant, repository: database.repositories.products)
            XCTAssertGreaterThan(expected.count, 0, name)
            XCTAssertEqual(actual.count, expected.count, "\(name): page count")
            for (index, (left, right)) in zip(actual, expected).enumerated() {
                XCTAssertEqual(left, right, "\(name): page \(index)")
            }
        }
    }

    /// Products with one to three variants, zero to two images tied to variants, drafts, an
    /// unpublished product, sold-out stock and tied creation times.
    private static func products(tenantID: UUID) -> [Product] {
        var products: [Product] = []
        for index in 0..<9 {
            let sizes = Array(["S", "M", "L"].prefix(1 + index % 3))
            var product = CatalogFixtures.product(
                tenantID: tenantID, handle: "parity-\(index)", price: Int64(5_000 + (index * 7_919) % 4_000),
                sizes: sizes, quantity: index % 4 == 0 ? 0 : index, tags: index % 2 == 0 ? ["Silk", "gift"] : ["cotton"],
                vendor: index % 3 == 0 ? "Tangail Looms" : "Karigor", status: index == 4 ? .draft : .active,
                createdAt: CatalogFixtures.epoch.addingTimeInterval(Double(index / 2) * 60))
            product.published = index != 7
            product.bodyHTML = "<p>Line \"\(index)\"\nwith a tab\t and নকশী</p>"
            product.images = (0..<(index % 3)).map { position in
                ProductImage(
                    src: "/static/parity/\(index)-\(position).jpg", position: position + 1, alt: "View \(position)",
                    variantIDs: [product.variants[position % product.variants.count].id])
            }
            products.append(product)
        }
        return products
    }

    private static func queries() -> [(String, ProductQuery)] {
        var newest = ProductQuery()
        newest.limit = 2
        var publicView = ProductQuery()
        publicView.limit = 3
        publicView.status = .active
        publicView.published = true
        var cheapest = ProductQuery()
        cheapest.limit = 4
        cheapest.sort = .priceAscending
        var dearest = ProductQuery()
        dearest.limit = 3
        dearest.sort = .priceDescending
        dearest.tag = "silk"
        var byTitle = ProductQuery()
        byTitle.limit = 5
        byTitle.sort = .title
        byTitle.inStock = true
        var vendor = ProductQuery()
        vendor.limit = 1
        vendor.vendor = "tangail looms"
        vendor.minimumPrice = Money(minorUnits: 5_500, currency: .bdt)
        return [
            ("newest", newest), ("public view", publicView), ("price ascending", cheapest),
            ("price descending with tag", dearest), ("title in stock", byTitle), ("vendor above price", vendor),
        ]
    }

    /// Reads every page of `query` and returns each page as the public list route encodes it for
    /// staff, followed by its next cursor.
    private static func pages(
        _ query: ProductQuery, tenantID: UUID, repository: any ProductRepository
    ) throws -> [String] {
        var query = query
        var pages: [String] = []
        repeat {
            let page = try repository.list(query, tenantID: tenantID)
            var writer = JSONWriter()
            writer.array(page.products) { json, product in ProductJSON.write(product, for: .staff, into: &json) }
            pages.append(String(decoding: writer.bytes, as: UTF8.self) + " next: \(page.nextCursor ?? "none")")
            query.cursor = page.nextCursor
        } while query.cursor != nil && pages.count < 50
        return pages
    }
}
