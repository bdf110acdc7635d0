import CatalogCore
import CommonKernel
import XCTest

final class ProductUseCaseTests: XCTestCase {
    private func draft(_ title: String, sku: String = "", price: String = "100.00") -> ProductDraft {
        ProductDraft(title: title, variants: [VariantDraft(sku: sku, price: taka(price), inventoryQuantity: 4)])
    }

    func testCreateStoresProductAndEvent() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let change = try catalog.create.execute(draft("Clay Water Pot"), tenant: tenant)

        XCTAssertEqual(change.product.handle, "clay-water-pot")
        XCTAssertEqual(try catalog.products.find(handle: "clay-water-pot", tenantID: tenant.id), change.product)
        XCTAssertEqual(catalog.storage.events.map(\.type), ["product.created"])
        XCTAssertEqual(catalog.storage.events.first?.tenantID, tenant.id)
    }

    func testCreateNumbersTakenTitleHandle() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let handles = try ["Alpha Mat", "alpha mat", "ALPHA MAT"].map { title in
            try catalog.create.execute(draft(title), tenant: tenant).product.handle
        }
        XCTAssertEqual(handles, ["alpha-mat", "alpha-mat-1", "alpha-mat-2"])

        // A handle that the draft names is not renumbered.
        var named = draft("Another mat")
        named.handle = "alpha-mat"
        assertAppError(code: "product.handle_taken") { _ = try catalog.create.execute(named, tenant: tenant) }

        // A deleted product's handle is free again.
        let first = try XCTUnwrap(catalog.products.find(handle: "alpha-mat-1", tenantID: tenant.id))
        try catalog.delete.execute(id: first.id, tenant: tenant)
        XCTAssertEqual(try catalog.create.execute(draft("Alpha mat"), tenant: tenant).product.handle, "alpha-mat-1")

        // An empty handle in an update is derived and numbered too, and a product keeps its own.
        var renamed = try XCTUnwrap(catalog.products.find(handle: "alpha-mat-2", tenantID: tenant.id))
        var edit = ProductDraft(renamed)
        edit.handle = ""
        XCTAssertEqual(try catalog.update.execute(id: renamed.id, draft: edit, tenant: tenant).product.handle, "alpha-mat-2")
        renamed = try XCTUnwrap(catalog.products.find(handle: "alpha-mat-2", tenantID: tenant.id))
        edit = ProductDraft(renamed)
        edit.handle = ""
        edit.title = "Beta mat"
        XCTAssertEqual(try catalog.update.execute(id: renamed.id, draft: edit, tenant: tenant).product.handle, "beta-mat")
    }

    func testNumberedHandleKeepsMaximumLength() {
        let long = String(repeating: "t", count: Handle.maximumLength)
        XCTAssertEqual(Handle.numbered(long, 1).count, Handle.maximumLength)
        XCTAssertTrue(Handle.numbered(long, 12).hasSuffix("t-12"))
        let hyphenAtCut = String(repeating: "t", count: Handle.maximumLength - 3) + "-tt"
        XCTAssertEqual(Handle.numbered(hyphenAtCut, 1), String(repeating: "t", count: Handle.maximumLength - 3) + "-1")
        XCTAssertEqual(Handle.numbered("mat", 3), "mat-3")
    }

    func testTitleWithoutLettersNamesMissingHandle() {
        let error = assertAppError(code: "request.invalid_fields") {
            _ = try Catalog().create.execute(self.draft("!!!"), tenant: makeTenant())
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["handle"])
        XCTAssertTrue(error?.fieldErrors.first?.message.contains("send a handle") ?? false)
    }

    func testCreatePastPlanLimitThrows() throws {
        let catalog = Catalog()
        let tenant = makeTenant(maxProducts: 2)
        _ = try catalog.create.execute(draft("One"), tenant: tenant)
        _ = try catalog.create.execute(draft("Two"), tenant: tenant)

        let error = assertAppError(code: "plan.product_limit_reached") {
            _ = try catalog.create.execute(self.draft("Three"), tenant: tenant)
        }
        XCTAssertEqual(error?.kind, .paymentRequired)
        XCTAssertEqual(error?.extensions["limit"], .number(2))
        XCTAssertEqual(try catalog.products.count(tenantID: tenant.id), 2)

        let first = try XCTUnwrap(catalog.products.find(handle: "one", tenantID: tenant.id))
        try catalog.delete.execute(id: first.id, tenant: tenant)
        XCTAssertNoThrow(
            try catalog.create.execute(draft("Three"), tenant: tenant), "a deleted product frees its place")
    }

    func testCreateRejectsInvalidDraftWithFieldErrors() {
        let catalog = Catalog()
        let error = assertAppError(code: "request.invalid_fields") {
            _ = try catalog.create.execute(self.draft(""), tenant: makeTenant())
        }
        XCTAssertEqual(error?.fieldErrors.map(\.field), ["title", "handle"])
        XCTAssertEqual(catalog.storage.events, [])
    }

    func testCreateWarnsAboutSKUOfAnotherProduct() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        _ = try catalog.create.execute(draft("Mug", sku: "MUG-1"), tenant: tenant)
        let change = try catalog.create.execute(draft("Cup", sku: "MUG-1"), tenant: tenant)
        XCTAssertEqual(change.warnings.map(\.field), ["variants[0].sku"])
        XCTAssertEqual(change.warnings.map(\.code), ["duplicate_sku"])
    }

    func testUpdateKeepsIdsAndStock() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let created = try catalog.create.execute(draft("Mug"), tenant: tenant).product
        _ = try ReserveStock(inventory: catalog.inventory).execute(
            ReservationRequest(
                orderID: UUID(), lines: [ReservationLine(variantID: created.variants[0].id, quantity: 3)]),
            tenant: tenant)

        var edit = ProductDraft(created)
        edit.title = "Tall Mug"
        edit.variants[0].price = taka("120.50")
        let updated = try catalog.update.execute(
            id: created.id, draft: edit, expectedRevision: created.revision, tenant: tenant
        ).product

        XCTAssertEqual(updated.id, created.id)
        XCTAssertEqual(updated.variants[0].id, created.variants[0].id)
        XCTAssertEqual(updated.variants[0].price, taka("120.50"))
        XCTAssertEqual(updated.variants[0].inventoryQuantity, 1, "the update must not undo the reservation")
        XCTAssertEqual(updated.revision, created.revision + 1)
        XCTAssertEqual(updated.handle, "mug", "an explicit handle is kept when the title changes")
        assertAppError(code: "product.revision_conflict") {
            _ = try catalog.update.execute(
                id: created.id, draft: edit, expectedRevision: created.revision, tenant: tenant)
        }
    }

    func testImageSourceChangeKeepsImageID() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        var start = draft("Lamp")
        start.images = [ImageDraft(src: "/static/lamp-1.jpg"), ImageDraft(src: "/static/lamp-2.jpg")]
        let created = try catalog.create.execute(start, tenant: tenant).product

        // The first image takes the second's old source, and the second gets a new one.
        var edit = ProductDraft(created)
        edit.images[0].src = "/static/lamp-2.jpg"
        edit.images[1].src = "/static/lamp-3.jpg"
        let updated = try catalog.update.execute(
            id: created.id, draft: edit, expectedRevision: created.revision, tenant: tenant
        ).product

        XCTAssertEqual(updated.images.map(\.id), created.images.map(\.id))
        XCTAssertEqual(updated.images.map(\.src), ["/static/lamp-2.jpg", "/static/lamp-3.jpg"])
    }

    func testUpdateAndDeleteOfUnknownProduct() {
        let catalog = Catalog()
        let tenant = makeTenant()
        assertAppError(code: "product.not_found") {
            _ = try catalog.update.execute(id: UUID(), draft: self.draft("X"), tenant: tenant)
        }
        assertAppError(code: "product.not_found") { try catalog.delete.execute(id: UUID(), tenant: tenant) }
    }

    func testListRejectsForeignCurrencyAndBadLimit() {
        let catalog = Catalog()
        let tenant = makeTenant()
        let foreign = ProductQuery(minimumPrice: Money(minorUnits: 1, currency: .usd))
        let error = assertAppError(code: "request.invalid_fields") {
            _ = try catalog.list.execute(foreign, tenant: tenant)
        }
        XCTAssertEqual(error?.fieldErrors.first?.field, "min_price")
        let tooLarge = assertAppError(code: "request.invalid_fields") {
            _ = try catalog.list.execute(ProductQuery(limit: 500), tenant: tenant)
        }
        XCTAssertEqual(tooLarge?.fieldErrors.first?.field, "limit")
    }

    func testAdjustInventoryNeedsReason() throws {
        let catalog = Catalog()
        let tenant = makeTenant()
        let product = try catalog.create.execute(draft("Mug"), tenant: tenant).product
        let adjust = AdjustInventory(inventory: catalog.inventory)
        assertAppError(code: "request.invalid_fields") {
            _ = try adjust.execute(variantID: product.variants[0].id, change: .add(2), reason: " ", tenant: tenant)
        }
        XCTAssertEqual(
            try adjust.execute(variantID: product.variants[0].id, change: .add(2), reason: "delivery", tenant: tenant)
                .available, 6)
        XCTAssertEqual(
            try adjust.execute(variantID: product.variants[0].id, change: .set(1), reason: "stocktake", tenant: tenant)
                .available, 1)
    }
}
