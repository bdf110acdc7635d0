import CommonKernel
import FoundationEssentials

enum ProductListingChecks {
    static let all: [CatalogRepositoryContract.Check] = [
        .init(name: "listing pages stable under inserts", run: pagesStableUnderInserts),
        .init(name: "listing pages through equal sort keys", run: pagesThroughTies),
        .init(name: "listing sorts by price and title", run: sortOrders),
        .init(name: "listing filters", run: filters),
        .init(name: "listing filters by collection", run: collectionFilter),
        .init(name: "listing filters by publication", run: publishedFilter),
        .init(name: "listing rejects a cursor of another sort", run: cursorOfAnotherSort),
    ]

    static func create(_ product: Product, in repositories: CatalogRepositories) throws {
        try repositories.products.create(
            product, tenantID: product.tenantID, productLimit: nil, event: CatalogFixtures.createdEvent(product))
    }

    /// Reads every page of `query` and returns the handles in listing order.
    static func readAll(
        _ query: ProductQuery, tenantID: UUID, in repositories: CatalogRepositories,
        between: (Int) throws -> Void = { _ in }
    ) throws -> [String] {
        var query = query
        var handles: [String] = []
        var pageNumber = 0
        repeat {
            let page = try repositories.products.list(query, tenantID: tenantID)
            try Expect.that(
                page.products.count <= query.limit,
                "page \(pageNumber) has \(page.products.count) products, more than the limit \(query.limit)")
            handles += page.products.map(\.handle)
            query.cursor = page.nextCursor
            try between(pageNumber)
            pageNumber += 1
        } while query.cursor != nil && pageNumber < 100
        return handles
    }

    static func pagesStableUnderInserts(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        for index in 0..<7 {
            try create(
                CatalogFixtures.product(
                    tenantID: tenant, handle: "item-\(index)", createdAt: CatalogFixtures.epoch + Double(index)),
                in: repositories)
        }
        let handles = try readAll(ProductQuery(limit: 3, sort: .newest), tenantID: tenant, in: repositories) { page in
            guard page == 0 else { return }
            try create(
                CatalogFixtures.product(tenantID: tenant, handle: "newer", createdAt: CatalogFixtures.epoch + 100),
                in: repositories)
            try create(
                CatalogFixtures.product(tenantID: tenant, handle: "older", createdAt: CatalogFixtures.epoch - 100),
                in: repositories)
        }
        let expected = ["item-6", "item-5", "item-4", "item-3", "item-2", "item-1", "item-0", "older"]
        try Expect.equal(handles, expected, "newest-first pages with inserts after the first page")
    }

    static func pagesThroughTies(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        for index in 0..<5 {
            try create(
                CatalogFixtures.product(tenantID: tenant, handle: "same-\(index)", price: 5000), in: repositories)
        }
        for sort in ProductSort.allCases {
            let handles = try readAll(ProductQuery(limit: 2, sort: sort), tenantID: tenant, in: repositories)
            try Expect.equal(handles.count, 5, "\(sort) pages over equal keys: products listed")
            try Expect.equal(Set(handles).count, 5, "\(sort) pages over equal keys: distinct products")
        }
    }

    static func sortOrders(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let entries: [(String, String, Int64)] = [
            ("b-pot", "Banana Pot", 300), ("a-mat", "apple mat", 100), ("c-rug", "Cherry Rug", 200),
        ]
        for (offset, (handle, title, price)) in entries.enumerated() {
            let product = CatalogFixtures.product(
                tenantID: tenant, handle: handle, title: title, price: price,
                createdAt: CatalogFixtures.epoch + Double(offset))
            try create(product, in: repositories)
        }
        try Expect.equal(
            try readAll(ProductQuery(sort: .priceAscending), tenantID: tenant, in: repositories),
            ["a-mat", "c-rug", "b-pot"], "price ascending")
        try Expect.equal(
            try readAll(ProductQuery(sort: .priceDescending), tenantID: tenant, in: repositories),
            ["b-pot", "c-rug", "a-mat"], "price descending")
        try Expect.equal(
            try readAll(ProductQuery(sort: .title), tenantID: tenant, in: repositories), ["a-mat", "b-pot", "c-rug"],
            "title, ignoring case")
        try Expect.equal(
            try readAll(ProductQuery(sort: .newest), tenantID: tenant, in: repositories), ["c-rug", "a-mat", "b-pot"],
            "newest")
    }

    static func filters(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        try create(
            CatalogFixtures.product(
                tenantID: tenant, handle: "kantha", price: 250_000, sku: "NK-01", tags: ["Handmade", "Quilt"],
                vendor: "Aarong Weavers", productType: "Textile"), in: repositories)
        try create(
            CatalogFixtures.product(
                tenantID: tenant, handle: "pot", price: 80_000, quantity: 0, tags: ["Clay"],
                vendor: "Potters of Kagajipara", productType: "Pottery", status: .draft), in: repositories)
        try create(
            CatalogFixtures.product(
                tenantID: tenant, handle: "saree", price: 1_200_000, sku: "JM-SAREE", tags: ["Handmade"],
                vendor: "Tangail Looms", productType: "Textile"), in: repositories)
        // Sold out, but its policy lets it sell below zero, so it can still be bought.
        try create(
            CatalogFixtures.product(
                tenantID: tenant, handle: "lamp", price: 40_000, quantity: 0, policy: .continue, sku: "KL-LAMP",
                tags: ["Lighting"], vendor: "Kumar Crafts", productType: "Lighting"), in: repositories)

        let cases: [(String, ProductQuery, [String])] = [
            ("status draft", ProductQuery(status: .draft), ["pot"]),
            ("tag, any case", ProductQuery(tag: "handmade"), ["kantha", "saree"]),
            ("vendor, any case", ProductQuery(vendor: "tangail looms"), ["saree"]),
            ("type", ProductQuery(productType: "Textile"), ["kantha", "saree"]),
            (
                "minimum price", ProductQuery(minimumPrice: Money(minorUnits: 250_000, currency: .bdt)),
                ["kantha", "saree"]
            ),
            (
                "maximum price", ProductQuery(maximumPrice: Money(minorUnits: 250_000, currency: .bdt)),
                ["kantha", "lamp", "pot"]
            ),
            (
                "price range",
                ProductQuery(
                    minimumPrice: Money(minorUnits: 100_000, currency: .bdt),
                    maximumPrice: Money(minorUnits: 300_000, currency: .bdt)), ["kantha"]
            ),
            ("in stock", ProductQuery(inStock: true), ["kantha", "lamp", "saree"]),
            ("out of stock", ProductQuery(inStock: false), ["pot"]),
            ("search title", ProductQuery(search: "SAR"), ["saree"]),
            ("search tag", ProductQuery(search: "quilt"), ["kantha"]),
            ("search vendor", ProductQuery(search: "kagajipara"), ["pot"]),
            ("search SKU", ProductQuery(search: "jm-saree"), ["saree"]),
            ("search without match", ProductQuery(search: "bicycle"), []),
        ]
        for (name, query, expected) in cases {
            var sorted = query
            sorted.sort = .title
            try Expect.equal(try readAll(sorted, tenantID: tenant, in: repositories), expected, "filter \(name)")
        }
    }

    static func collectionFilter(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let kantha = CatalogFixtures.product(tenantID: tenant, handle: "kantha")
        let pot = CatalogFixtures.product(tenantID: tenant, handle: "pot")
        try create(kantha, in: repositories)
        try create(pot, in: repositories)
        let gifts = Collection(
            tenantID: tenant, kind: .collection, handle: "gifts", title: "Gifts", productIDs: [pot.id],
            createdAt: CatalogFixtures.epoch, updatedAt: CatalogFixtures.epoch)
        try repositories.collections.create(gifts, tenantID: tenant)

        try Expect.equal(
            try readAll(ProductQuery(collectionID: gifts.id), tenantID: tenant, in: repositories), ["pot"],
            "members of the collection")
        try Expect.equal(
            try readAll(ProductQuery(collectionID: UUID()), tenantID: tenant, in: repositories), [],
            "members of an unknown collection")
        try Expect.equal(
            try readAll(ProductQuery(collectionID: gifts.id), tenantID: UUID(), in: repositories), [],
            "members seen from another tenant")
    }

    static func publishedFilter(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        var hidden = CatalogFixtures.product(tenantID: tenant, handle: "hidden-lamp")
        hidden.published = false
        try create(hidden, in: repositories)
        try create(CatalogFixtures.product(tenantID: tenant, handle: "shown-lamp"), in: repositories)

        try Expect.equal(
            try readAll(ProductQuery(published: true), tenantID: tenant, in: repositories), ["shown-lamp"],
            "published products")
        try Expect.equal(
            try readAll(ProductQuery(published: false), tenantID: tenant, in: repositories), ["hidden-lamp"],
            "unpublished products")
    }

    static func cursorOfAnotherSort(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        for index in 0..<3 {
            try create(CatalogFixtures.product(tenantID: tenant, handle: "mat-\(index)"), in: repositories)
        }
        let page = try repositories.products.list(ProductQuery(limit: 1, sort: .newest), tenantID: tenant)
        try Expect.that(page.nextCursor != nil, "a first page of one product out of three has a next cursor")
        try Expect.throwsError(code: "request.invalid_fields", "cursor of newest used for title") {
            _ = try repositories.products.list(
                ProductQuery(limit: 1, cursor: page.nextCursor, sort: .title), tenantID: tenant)
        }
        try Expect.throwsError(code: "request.invalid_fields", "garbage cursor") {
            _ = try repositories.products.list(
                ProductQuery(limit: 1, cursor: "not-a-cursor", sort: .newest), tenantID: tenant)
        }
    }
}
