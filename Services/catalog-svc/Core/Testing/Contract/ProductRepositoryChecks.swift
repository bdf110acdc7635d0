import CommonKernel
import FoundationEssentials

enum ProductRepositoryChecks {
    static let all: [CatalogRepositoryContract.Check] = [
        .init(name: "product create then find by id and handle", run: createThenFind),
        .init(name: "product handle unique among live products", run: handleUnique),
        .init(name: "product limit enforced", run: productLimit),
        .init(name: "product update keeps stock and bumps revision", run: updateKeepsStock),
        .init(name: "product update with stale revision rejected", run: staleRevision),
        .init(name: "product soft delete hides it", run: softDelete),
        .init(name: "products isolated by tenant", run: tenantIsolation),
        .init(name: "product ids found by SKU", run: productIDsBySKU),
    ]

    static func createThenFind(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let product = CatalogFixtures.product(tenantID: tenant, handle: "nakshi-kantha", sizes: ["S", "M"])
        try repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))

        try Expect.equal(try repositories.products.find(id: product.id, tenantID: tenant), product, "find by id")
        try Expect.equal(
            try repositories.products.find(handle: "nakshi-kantha", tenantID: tenant), product, "find by handle")
        try Expect.equal(try repositories.products.count(tenantID: tenant), 1, "count")
        try Expect.equal(try repositories.events(tenant).map(\.type), ["product.created"], "events after create")
    }

    static func handleUnique(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let first = CatalogFixtures.product(tenantID: tenant, handle: "jamdani")
        let second = CatalogFixtures.product(tenantID: tenant, handle: "jamdani")
        try repositories.products.create(
            first, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(first))
        try Expect.throwsError(code: "product.handle_taken", "second create with the same handle") {
            try repositories.products.create(
                second, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(second))
        }
        try Expect.equal(try repositories.events(tenant).count, 1, "events after a rejected create")

        try repositories.products.softDelete(
            id: first.id, tenantID: tenant, at: CatalogFixtures.epoch,
            event: CatalogFixtures.event("product.deleted", tenantID: tenant))
        try repositories.products.create(
            second, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(second))
        try Expect.equal(
            try repositories.products.find(handle: "jamdani", tenantID: tenant)?.id, second.id,
            "handle reused after delete")
    }

    static func productLimit(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        for handle in ["pot-1", "pot-2"] {
            let product = CatalogFixtures.product(tenantID: tenant, handle: handle)
            try repositories.products.create(
                product, tenantID: tenant, productLimit: 2, event: CatalogFixtures.createdEvent(product))
        }
        let third = CatalogFixtures.product(tenantID: tenant, handle: "pot-3")
        try Expect.throwsError(code: "plan.product_limit_reached", "create past the limit") {
            try repositories.products.create(
                third, tenantID: tenant, productLimit: 2, event: CatalogFixtures.createdEvent(third))
        }
        try Expect.equal(try repositories.products.count(tenantID: tenant), 2, "count after the rejected create")
    }

    static func updateKeepsStock(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let product = CatalogFixtures.product(tenantID: tenant, handle: "shital-pati", quantity: 5)
        try repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))
        _ = try repositories.inventory.setQuantity(
            variantID: product.variants[0].id, to: 3, reason: "stocktake", tenantID: tenant, at: CatalogFixtures.epoch)

        var edited = product
        edited.title = "Shital Pati, Sylhet"
        edited.variants[0].inventoryQuantity = 99
        edited.variants[0].price = Money(minorUnits: 20_000, currency: .bdt)
        let stored = try repositories.products.update(
            edited, tenantID: tenant, event: CatalogFixtures.event("product.updated", tenantID: tenant))

        try Expect.equal(stored.revision, product.revision + 1, "revision after update")
        try Expect.equal(stored.variants[0].inventoryQuantity, 3, "stock kept by update")
        let found = try repositories.products.find(id: product.id, tenantID: tenant)
        try Expect.equal(found?.title, "Shital Pati, Sylhet", "title after update")
        try Expect.equal(found?.variants[0].price.minorUnits, 20_000, "price after update")
        try Expect.equal(found?.variants[0].inventoryQuantity, 3, "stored stock after update")
    }

    static func staleRevision(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let product = CatalogFixtures.product(tenantID: tenant, handle: "terracotta-vase")
        try repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))
        _ = try repositories.products.update(
            product, tenantID: tenant, event: CatalogFixtures.event("product.updated", tenantID: tenant))
        try Expect.throwsError(code: "product.revision_conflict", "update from the old revision") {
            _ = try repositories.products.update(
                product, tenantID: tenant, event: CatalogFixtures.event("product.updated", tenantID: tenant))
        }
    }

    static func softDelete(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let product = CatalogFixtures.product(tenantID: tenant, handle: "brass-lamp")
        try repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))
        try repositories.products.softDelete(
            id: product.id, tenantID: tenant, at: CatalogFixtures.epoch,
            event: CatalogFixtures.event("product.deleted", tenantID: tenant))

        try Expect.that(
            try repositories.products.find(id: product.id, tenantID: tenant) == nil, "deleted product found by id")
        try Expect.that(
            try repositories.products.find(handle: "brass-lamp", tenantID: tenant) == nil,
            "deleted product found by handle")
        try Expect.equal(try repositories.products.count(tenantID: tenant), 0, "count after delete")
        try Expect.equal(
            try repositories.products.list(ProductQuery(), tenantID: tenant).products.count, 0, "listed after delete")
        try Expect.throwsError(code: "product.not_found", "second delete") {
            try repositories.products.softDelete(
                id: product.id, tenantID: tenant, at: CatalogFixtures.epoch,
                event: CatalogFixtures.event("product.deleted", tenantID: tenant))
        }
        try Expect.throwsError(code: "variant.not_found", "stock of a deleted product's variant") {
            _ = try repositories.inventory.level(variantID: product.variants[0].id, tenantID: tenant)
        }
    }

    static func tenantIsolation(_ repositories: CatalogRepositories) throws {
        let owner = UUID()
        let other = UUID()
        let product = CatalogFixtures.product(tenantID: owner, handle: "rickshaw-art")
        try repositories.products.create(
            product, tenantID: owner, productLimit: nil, event: CatalogFixtures.createdEvent(product))

        try Expect.that(
            try repositories.products.find(id: product.id, tenantID: other) == nil, "found by id from another tenant")
        try Expect.that(
            try repositories.products.find(handle: "rickshaw-art", tenantID: other) == nil,
            "found by handle from another tenant")
        try Expect.equal(try repositories.products.count(tenantID: other), 0, "count of another tenant")
        try Expect.equal(
            try repositories.products.list(ProductQuery(), tenantID: other).products.count, 0,
            "listing of another tenant")
        try Expect.equal(
            try repositories.products.productIDs(withSKU: product.variants[0].sku, tenantID: other), [],
            "SKU of another tenant")
        try Expect.throwsError(code: "variant.not_found", "stock read from another tenant") {
            _ = try repositories.inventory.level(variantID: product.variants[0].id, tenantID: other)
        }
        try Expect.throwsError(code: "product.not_found", "delete from another tenant") {
            try repositories.products.softDelete(
                id: product.id, tenantID: other, at: CatalogFixtures.epoch,
                event: CatalogFixtures.event("product.deleted", tenantID: other))
        }

        let sameHandle = CatalogFixtures.product(tenantID: other, handle: "rickshaw-art")
        try repositories.products.create(
            sameHandle, tenantID: other, productLimit: nil, event: CatalogFixtures.createdEvent(sameHandle))
        try Expect.equal(
            try repositories.products.count(tenantID: owner), 1, "owner's count after the other tenant's create")
    }

    static func productIDsBySKU(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        let first = CatalogFixtures.product(tenantID: tenant, handle: "mug-a", sku: "MUG")
        let second = CatalogFixtures.product(tenantID: tenant, handle: "mug-b", sku: "MUG")
        for product in [first, second] {
            try repositories.products.create(
                product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))
        }
        let ids = try repositories.products.productIDs(withSKU: "MUG", tenantID: tenant)
        try Expect.equal(Set(ids), [first.id, second.id], "products with SKU MUG")
        try Expect.equal(
            try repositories.products.productIDs(withSKU: "mug", tenantID: tenant), [], "SKU match is exact")
    }
}
