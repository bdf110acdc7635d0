@testable import CatalogAdapters
import CatalogCore
import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// The stored public documents (`catalog.product_documents`) against documents built afresh
/// from the product rows, after every kind of write, in PostgreSQL as the application role.
final class CatalogDocumentTests: XCTestCase {
    private var database: CatalogDatabase!

    override func setUpWithError() throws {
        database = try CatalogDatabase.open()
    }

    override func tearDown() {
        database?.close()
    }

    private var products: any ProductRepository { database.repositories.products }
    private var inventory: any InventoryRepository { database.repositories.inventory }

    /// Returns the stored document of `productID` with its stock spliced in, nil without one.
    private func storedJSON(_ productID: UUID, tenantID: UUID) throws -> String? {
        let rows = try database.pool.withTenantTransaction(tenantID) { connection in
            try connection.query(
                "SELECT body, stock_flags FROM catalog.product_documents WHERE product_id = $1", [productID])
        }
        guard let row = rows.first, let body = try row.optionalString("body") else { return nil }
        let bytes = try XCTUnwrap(
            PublicProductDocument.spliced(body, stockFlags: try row.string("stock_flags")),
            "the stored markers do not match the stock flags of \(productID)")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Returns the public JSON of the product as built from its rows now.
    private func freshJSON(_ productID: UUID, tenantID: UUID) throws -> String {
        let product = try XCTUnwrap(try products.find(id: productID, tenantID: tenantID), "product \(productID) is gone")
        var writer = JSONWriter()
        ProductJSON.write(product, for: .publicReader, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func assertDocumentCurrent(
        _ productID: UUID, tenantID: UUID, _ step: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let stored = try storedJSON(productID, tenantID: tenantID)
        XCTAssertEqual(stored, try freshJSON(productID, tenantID: tenantID), "after \(step)", file: file, line: line)
    }

    private func create(_ product: Product) throws -> Product {
        try products.create(
            product, tenantID: product.tenantID, productLimit: nil, event: CatalogFixtures.createdEvent(product))
        return try XCTUnwrap(try products.find(id: product.id, tenantID: product.tenantID))
    }

    private func update(_ product: Product) throws -> Product {
        try products.update(product, tenantID: product.tenantID, event: CatalogFixtures.event("product.updated", tenantID: product.tenantID))
    }

    func testDocumentFollowsProductEdits() throws {
        let tenant = UUID()
        var product = try create(
            CatalogFixtures.product(tenantID: tenant, handle: "nakshi-kantha", sizes: ["S", "M"], quantity: 3))
        try assertDocumentCurrent(product.id, tenantID: tenant, "create")

        product.title = "Nakshi Kantha \"Quilt\"\n\tline two"
        product.tags = ["quilt", "handmade"]
        product.bodyHTML = "<p>Stitched \\ by hand</p>"
        product = try update(product)
        try assertDocumentCurrent(product.id, tenantID: tenant, "title, tags and body update")

        product.options = [ProductOption(name: "Size", values: ["S", "M", "L"]), ProductOption(name: "Colour", values: ["Red"])]
        product.variants[0].optionValues = ["S", "Red"]
        product.variants[1].optionValues = ["M", "Red"]
        product.variants.append(
            Variant(
                sku: "NK-L", optionValues: ["L", "Red"], price: Money(minorUnits: 25_050, currency: .bdt),
                inventoryPolicy: .continue, inventoryQuantity: 0, position: 3))
        product = try update(product)
        try assertDocumentCurrent(product.id, tenantID: tenant, "added option and variant")

        product.images.append(
            ProductImage(src: "/static/demo/nk-2.jpg", position: 2, alt: "Back", variantIDs: [product.variants[1].id]))
        product = try update(product)
        try assertDocumentCurrent(product.id, tenantID: tenant, "added image")

        product.variants.removeFirst()
        product.images.removeFirst()
        product = try update(product)
        try assertDocumentCurrent(product.id, tenantID: tenant, "removed variant and image")

        product.status = .draft
        product = try update(product)
        try assertDocumentCurrent(product.id, tenantID: tenant, "status change to draft")

        try products.softDelete(
            id: product.id, tenantID: tenant, at: CatalogFixtures.epoch,
            event: CatalogFixtures.event("product.deleted", tenantID: tenant))
        XCTAssertNil(try storedJSON(product.id, tenantID: tenant), "a deleted product keeps its document")
    }

    func testDocumentFollowsInventoryChanges() throws {
        let tenant = UUID()
        let product = try create(
            CatalogFixtures.product(tenantID: tenant, handle: "clay-cup", sizes: ["S", "M", "L"], quantity: 1))
        let small = product.variants[0].id
        let medium = product.variants[1].id
        let at = CatalogFixtures.epoch

        _ = try inventory.setQuantity(variantID: small, to: 0, reason: "count", tenantID: tenant, at: at)
        try assertDocumentCurrent(product.id, tenantID: tenant, "set to zero")
        _ = try inventory.adjustQuantity(variantID: medium, by: -1, reason: "damaged", tenantID: tenant, at: at)
        try assertDocumentCurrent(product.id, tenantID: tenant, "adjust to zero")
        _ = try inventory.adjustQuantity(variantID: medium, by: 4, reason: "delivery", tenantID: tenant, at: at)
        try assertDocumentCurrent(product.id, tenantID: tenant, "adjust from zero")
        _ = try inventory.setQuantity(variantID: medium, to: 2, reason: "count", tenantID: tenant, at: at)
        try assertDocumentCurrent(product.id, tenantID: tenant, "set without crossing zero")

        let large = product.variants[2].id
        let order = UUID()
        _ = try reserve(order, [ReservationLine(variantID: large, quantity: 1)], tenantID: tenant)
        try assertDocumentCurrent(product.id, tenantID: tenant, "reservation of the last unit")
        _ = try inventory.release(orderID: order, tenantID: tenant, at: at, event: CatalogFixtures.event("inventory.released", tenantID: tenant))
        try assertDocumentCurrent(product.id, tenantID: tenant, "release")

        let committed = UUID()
        _ = try reserve(committed, [ReservationLine(variantID: large, quantity: 1)], tenantID: tenant)
        _ = try inventory.commit(orderID: committed, tenantID: tenant, at: at, event: CatalogFixtures.event("inventory.committed", tenantID: tenant))
        try assertDocumentCurrent(product.id, tenantID: tenant, "commit")

        _ = try inventory.setQuantity(variantID: small, to: 0, reason: "count", tenantID: tenant, at: at)
        _ = try inventory.setQuantity(variantID: medium, to: 0, reason: "count", tenantID: tenant, at: at)
        try assertDocumentCurrent(product.id, tenantID: tenant, "every variant sold out")
        let json = try XCTUnwrap(try storedJSON(product.id, tenantID: tenant))
        XCTAssertFalse(json.contains("\"available\":true"), json)
    }

    func testDocumentFollowsConcurrentReservations() throws {
        let tenant = UUID()
        let created = try (0..<4).map { index in
            try create(
                CatalogFixtures.product(
                    tenantID: tenant, handle: "rush-\(index)", sizes: ["S", "M"], quantity: 3,
                    createdAt: CatalogFixtures.epoch.addingTimeInterval(Double(index))))
        }
        let variants = created.flatMap { $0.variants.map(\.id) }
        let inventory = self.inventory
        // The checkouts ask for more units than there are, so variants sell out while other
        // checkouts wait for them, and a checkout often takes the last units of two products.
        runConcurrently(40) { index in
            let first = variants[index % variants.count]
            let second = variants[(index * 3 + 1) % variants.count]
            let lines = first == second
                ? [ReservationLine(variantID: first, quantity: 1)]
                : [ReservationLine(variantID: first, quantity: 1), ReservationLine(variantID: second, quantity: 1)]
            _ = try? inventory.reserve(
                ReservationRequest(orderID: UUID(), lines: lines), tenantID: tenant, at: CatalogFixtures.epoch,
                event: CatalogFixtures.event("inventory.reserved", tenantID: tenant))
        }
        var soldOut = 0
        for product in created {
            try assertDocumentCurrent(product.id, tenantID: tenant, "concurrent reservations")
            for variant in product.variants
            where try inventory.level(variantID: variant.id, tenantID: tenant).available == 0 {
                soldOut += 1
            }
        }
        XCTAssertGreaterThan(soldOut, 0, "no variant sold out, so no flag changed")
    }

    func testDocumentsAfterCSVImport() throws {
        let tenant = TenantRecord(
            id: UUID(), name: "Import Shop", subdomain: "doc-import", status: .active,
            plan: PlanLimits(code: "test", maxProducts: nil, maxStaff: nil, maxStorageBytes: nil), currency: "BDT")
        let jobs = PostgresImportJobRepository(database: database.pool, leaseSeconds: 60)
        let importer = ImportShopifyCSV(products: products, inventory: inventory, jobs: jobs)
        let csv = """
            Handle,Title,Body (HTML),Vendor,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Image Src,Image Position,Status
            jamdani-scarf,Jamdani Scarf,<p>Woven</p>,Tanti,"silk, scarf",true,Colour,Red,JS-R,shopify,0,deny,1200.00,https://example.com/js.jpg,1,active
            jamdani-scarf,,,,,,,Blue,JS-B,shopify,5,deny,1250.00,,,
            clay-lamp,Clay Lamp,,Kumor,,true,Title,Default Title,CL-1,,0,continue,300.00,,,active

            """
        let job = try importer.execute(csv: Array(csv.utf8), fileName: "documents.csv", tenant: tenant)
        XCTAssertEqual(job.status, .succeeded)
        XCTAssertEqual(job.report.productsCreated, 2)
        for handle in ["jamdani-scarf", "clay-lamp"] {
            let product = try XCTUnwrap(try products.find(handle: handle, tenantID: tenant.id), handle)
            try assertDocumentCurrent(product.id, tenantID: tenant.id, "import of \(handle)")
        }

        // A second run updates the products and sets their stock again.
        let again = csv.replacingOccurrences(of: "JS-R,shopify,0", with: "JS-R,shopify,7")
        _ = try importer.execute(csv: Array(again.utf8), fileName: "documents.csv", tenant: tenant)
        let scarf = try XCTUnwrap(try products.find(handle: "jamdani-scarf", tenantID: tenant.id))
        try assertDocumentCurrent(scarf.id, tenantID: tenant.id, "second import")

        // What the import worker runs after a large import, as the application role.
        try jobs.analyzeProductTables()
        let analyzed = try database.pool.withTransaction { connection in
            try connection.query(
                "SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relid = 'catalog.products'::regclass"
            )[0].bool("analyzed")
        }
        XCTAssertTrue(analyzed, "catalog.products was not analyzed")
    }

    func testBackfillRendersMissingBodies() throws {
        let tenant = UUID()
        let product = try create(CatalogFixtures.product(tenantID: tenant, handle: "backfill-mat", quantity: 0))
        // As the migration leaves the rows of products that existed before it.
        try database.pool.withTenantTransaction(tenant) { connection in
            try connection.execute(
                "UPDATE catalog.product_documents SET body = NULL, stock_variant_ids = '{}', stock_flags = '' WHERE product_id = $1",
                [product.id])
        }
        let reads = PublicProductDocuments(database: database.pool)
        guard case .unrendered = try reads.product(id: product.id, tenantID: tenant) else {
            return XCTFail("a document without a body was read as rendered")
        }
        var query = ProductQuery()
        query.status = .active
        query.published = true
        XCTAssertNil(try storedPage(reads, query, tenantID: tenant), "a page with an unrendered document was served")

        try ProductDocumentBackfill(database: database.pool, logger: CatalogDatabase.logger).run()
        try assertDocumentCurrent(product.id, tenantID: tenant, "backfill")
        let page = try XCTUnwrap(try storedPage(reads, query, tenantID: tenant))
        XCTAssertEqual(page.documents.count, 1)
    }

    func testReadsLeaveNoTenantSetting() throws {
        let tenant = UUID()
        let product = try create(CatalogFixtures.product(tenantID: tenant, handle: "setting-probe"))
        let url = try XCTUnwrap(ProcessInfo.processInfo.environment["COMMERCE_TEST_DATABASE_URL"])
        // One connection, so the check below runs on the connection that served the reads.
        let pool = PostgresPool(url: url, size: 1, logger: CatalogDatabase.logger)
        defer { pool.close() }
        let reads = PublicProductDocuments(database: pool)
        guard case .found = try reads.product(handle: "setting-probe", tenantID: tenant) else {
            return XCTFail("the product was not found by handle")
        }
        guard case .notFound = try reads.product(id: product.id, tenantID: UUID()) else {
            return XCTFail("another tenant found the product")
        }
        XCTAssertThrowsError(try reads.product(where: "p.no_such_column = $2", "x", tenantID: tenant))
        // A page read from the documents' listing also sets the plan mode for its statement.
        XCTAssertEqual(ProductListingSource.publicListing(Self.publicQuery(limit: 5)), .documents)
        XCTAssertEqual(try storedPage(reads, Self.publicQuery(limit: 5), tenantID: tenant)?.documents.count, 1)

        let settings = try pool.withConnection { connection in
            try connection.query(
                """
                SELECT coalesce(current_setting('app.tenant_id', true), '') AS tenant,
                       current_setting('plan_cache_mode') AS plan_mode
                """)[0]
        }
        XCTAssertEqual(try settings.string("tenant"), "", "the tenant setting outlived the read")
        XCTAssertEqual(try settings.string("plan_mode"), "auto", "the plan mode outlived the read")
        guard case .found = try reads.product(id: product.id, tenantID: tenant) else {
            return XCTFail("the connection was not usable after a failed read")
        }
    }

    func testStoredPageMatchesRowsPage() throws {
        let tenant = UUID()
        for index in 0..<5 {
            _ = try create(
                CatalogFixtures.product(
                    tenantID: tenant, handle: "page-\(index)", price: Int64(1_000 * (5 - index)), quantity: index % 2,
                    vendor: index == 1 ? "Aarong" : "Karigor", status: index == 3 ? .draft : .active,
                    createdAt: CatalogFixtures.epoch.addingTimeInterval(Double(index))))
        }
        var unfiltered = Self.publicQuery(limit: 2)
        XCTAssertEqual(ProductListingSource.publicListing(unfiltered), .documents)
        for sort in ProductSort.allCases {
            unfiltered.sort = sort
            let handles = try assertStoredPagesMatchRows(unfiltered, tenantID: tenant, "\(sort)")
            XCTAssertEqual(handles.count, 4, "products listed by \(sort)")
        }

        // A price range is read from the documents too, and a vendor only from the products.
        var priced = Self.publicQuery(limit: 1)
        priced.minimumPrice = Money(minorUnits: 2_000, currency: .bdt)
        priced.maximumPrice = Money(minorUnits: 4_000, currency: .bdt)
        XCTAssertEqual(ProductListingSource.publicListing(priced), .documents)
        XCTAssertEqual(try assertStoredPagesMatchRows(priced, tenantID: tenant, "price range"), ["page-2", "page-1"])
        var byVendor = Self.publicQuery(limit: 1)
        byVendor.vendor = "aarong"
        XCTAssertEqual(ProductListingSource.publicListing(byVendor), .products)
        XCTAssertEqual(try assertStoredPagesMatchRows(byVendor, tenantID: tenant, "vendor"), ["page-1"])

        // Each source reads the other's cursors, since both order by the same values.
        var first = Self.publicQuery(limit: 2)
        first.sort = .priceAscending
        let reads = PublicProductDocuments(database: database.pool)
        let stored = try XCTUnwrap(try storedPage(reads, first, tenantID: tenant))
        first.cursor = stored.nextCursor
        XCTAssertEqual(try products.list(first, tenantID: tenant).products.map(\.handle), ["page-1", "page-0"])
    }

    func testListingFollowsProductWrites() throws {
        let tenant = UUID()
        let epoch = CatalogFixtures.epoch
        var shirt = try create(CatalogFixtures.product(tenantID: tenant, handle: "listing-shirt", price: 3_000))
        var draft = try create(
            CatalogFixtures.product(
                tenantID: tenant, handle: "listing-draft", price: 2_000, status: .draft,
                createdAt: epoch.addingTimeInterval(1)))
        var hidden = CatalogFixtures.product(
            tenantID: tenant, handle: "listing-hidden", price: 1_000, createdAt: epoch.addingTimeInterval(2))
        hidden.published = false
        hidden = try create(hidden)
        try assertListing(tenant, ["listing-shirt"], "after the creates")

        draft.status = .active
        draft = try update(draft)
        try assertListing(tenant, ["listing-draft", "listing-shirt"], "after the draft went active")

        shirt.title = "Aardvark shirt"
        shirt.variants[0].price = Money(minorUnits: 500, currency: .bdt)
        shirt = try update(shirt)
        try assertListing(tenant, ["listing-draft", "listing-shirt"], "after a new title and price")

        hidden.published = true
        hidden = try update(hidden)
        try assertListing(tenant, ["listing-hidden", "listing-draft", "listing-shirt"], "after publishing")

        draft.status = .archived
        draft = try update(draft)
        try products.softDelete(
            id: shirt.id, tenantID: tenant, at: epoch, event: CatalogFixtures.event("product.deleted", tenantID: tenant))
        try assertListing(tenant, ["listing-hidden"], "after archiving one and deleting another")
    }

    func testListingBackfillCopiesProductValues() throws {
        let tenant = UUID()
        let product = try create(CatalogFixtures.product(tenantID: tenant, handle: "listing-backfill", price: 4_500))
        // As documents stored before the listing columns existed: none of their values are right.
        try database.pool.withTenantTransaction(tenant) { connection in
            try connection.execute(
                """
                UPDATE catalog.product_documents
                SET listed = false, created_at = 'epoch', min_price_minor = -1, sort_title = ''
                WHERE product_id = $1
                """, [product.id])
        }
        XCTAssertEqual(try storedPage(PublicProductDocuments(database: database.pool), Self.publicQuery(limit: 5), tenantID: tenant)?.documents.count, 0)

        let ownerURL = try XCTUnwrap(ProcessInfo.processInfo.environment["COMMERCE_TEST_OWNER_DATABASE_URL"])
        let owner = PostgresPool(url: ownerURL, size: 1, logger: CatalogDatabase.logger)
        defer { owner.close() }
        try owner.withConnection { try $0.executeScript(CatalogMigrations.documentListingBackfill) }
        try assertListing(tenant, ["listing-backfill"], "after the backfill")
    }

    private static func publicQuery(limit: Int) -> ProductQuery {
        var query = ProductQuery(limit: limit)
        query.status = .active
        query.published = true
        return query
    }

    /// Checks that the listing values of the tenant's documents equal their products' values, and
    /// that every public sort lists exactly `handles` (newest first for the newest sort) from the
    /// documents as from the rows.
    private func assertListing(
        _ tenant: UUID, _ handles: [String], _ step: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let stale = try database.pool.withTenantTransaction(tenant) { connection in
            try connection.query(
                """
                SELECT count(*) AS stale FROM catalog.product_documents d JOIN catalog.products p ON p.id = d.product_id
                WHERE d.listed IS DISTINCT FROM (p.status = 'active' AND p.published AND p.deleted_at IS NULL)
                   OR d.created_at <> p.created_at OR d.min_price_minor <> p.min_price_minor
                   OR d.sort_title <> p.sort_title
                """)[0].int("stale")
        }
        XCTAssertEqual(stale, 0, "documents whose listing values differ from their products \(step)", file: file, line: line)
        for sort in ProductSort.allCases {
            var query = Self.publicQuery(limit: 2)
            query.sort = sort
            let listed = try assertStoredPagesMatchRows(query, tenantID: tenant, "\(sort) \(step)", file: file, line: line)
            if sort == .newest {
                XCTAssertEqual(listed, handles, "listed \(step)", file: file, line: line)
            } else {
                XCTAssertEqual(listed.sorted(), handles.sorted(), "listed by \(sort) \(step)", file: file, line: line)
            }
        }
    }

    /// Pages through `query` from the stored documents and from the rows, checks that each page
    /// and cursor agree, and returns the handles listed.
    @discardableResult
    private func assertStoredPagesMatchRows(
        _ query: ProductQuery, tenantID: UUID, _ label: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> [String] {
        let reads = PublicProductDocuments(database: database.pool)
        var query = query
        var handles: [String] = []
        var pages = 0
        repeat {
            let rows = try products.list(query, tenantID: tenantID)
            let stored = try XCTUnwrap(try storedPage(reads, query, tenantID: tenantID), file: file, line: line)
            XCTAssertEqual(stored.nextCursor, rows.nextCursor, "cursor of \(label) page \(pages)", file: file, line: line)
            let rowsJSON = rows.products.map { product in
                var writer = JSONWriter()
                ProductJSON.write(product, for: .publicReader, into: &writer)
                return String(decoding: writer.bytes, as: UTF8.self)
            }
            XCTAssertEqual(stored.documents, rowsJSON, "documents of \(label) page \(pages)", file: file, line: line)
            handles += rows.products.map(\.handle)
            query.cursor = rows.nextCursor
            pages += 1
        } while query.cursor != nil && pages < 10
        return handles
    }

    /// Reads a stored page as the list route does and returns each document with its markers
    /// replaced, or nil when the reads fell back to the rows.
    private func storedPage(
        _ reads: PublicProductDocuments, _ query: ProductQuery, tenantID: UUID
    ) throws -> (documents: [String], nextCursor: String?)? {
        var documents: [String] = []
        let outcome = try reads.page(query, tenantID: tenantID) { document in
            var bytes: [UInt8] = []
            guard PublicProductDocument.splice(document.body, stockFlags: document.stockFlags, into: &bytes) else {
                return false
            }
            documents.append(String(decoding: bytes, as: UTF8.self))
            return true
        }
        guard case .complete(let nextCursor) = outcome else { return nil }
        return (documents, nextCursor)
    }

    private func reserve(_ order: UUID, _ lines: [ReservationLine], tenantID: UUID) throws -> Reservation {
        try inventory.reserve(
            ReservationRequest(orderID: order, lines: lines), tenantID: tenantID, at: CatalogFixtures.epoch,
            event: CatalogFixtures.event("inventory.reserved", tenantID: tenantID))
    }
}

/// Splicing stock flags into a stored body, without a database.
final class PublicProductDocumentSpliceTests: XCTestCase {
    private func splice(_ body: String, _ flags: String) -> String? {
        PublicProductDocument.spliced(body, stockFlags: flags).map { String(decoding: $0, as: UTF8.self) }
    }

    func testMarkersTakeFlagsInOrder() {
        let body = "{\"available\":\u{2},\"variants\":[{\"available\":\u{1}},{\"available\":true},{\"available\":\u{1}}]}"
        XCTAssertEqual(
            splice(body, "01"),
            "{\"available\":true,\"variants\":[{\"available\":false},{\"available\":true},{\"available\":true}]}")
        XCTAssertEqual(
            splice(body, "00"),
            "{\"available\":false,\"variants\":[{\"available\":false},{\"available\":true},{\"available\":false}]}")
    }

    func testMismatchedFlagsAreRejected() {
        let body = "{\"variants\":[{\"available\":\u{1}},{\"available\":\u{1}}]}"
        XCTAssertNil(splice(body, "1"), "fewer flags than markers")
        XCTAssertNil(splice(body, "111"), "more flags than markers")
        XCTAssertEqual(splice("{\"title\":\"\u{00e9}t\u{00e9}\"}", ""), "{\"title\":\"\u{00e9}t\u{00e9}\"}")
    }

    func testRenderedBodyEscapesControlCharacters() {
        let product = CatalogFixtures.product(tenantID: UUID(), handle: "escape-test", title: "Tab\there \u{1}\u{2}")
        let document = PublicProductDocument(product)
        XCTAssertEqual(document.stockVariantIDs, product.variants.map(\.id))
        XCTAssertEqual(document.body.utf8.filter { $0 == PublicProductDocument.inStockMarker }.count, 1)
        XCTAssertEqual(document.body.utf8.filter { $0 == PublicProductDocument.anyInStockMarker }.count, 1)
        XCTAssertTrue(document.body.contains("Tab\\there \\u0001\\u0002"), document.body)
    }
}
