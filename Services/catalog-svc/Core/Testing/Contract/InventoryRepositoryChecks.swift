import CommonKernel
import FoundationEssentials

enum InventoryRepositoryChecks {
    static let all: [CatalogRepositoryContract.Check] = [
        .init(name: "inventory set and adjust record movements", run: setAndAdjust),
        .init(name: "inventory adjust keeps deny variants at zero or more", run: denyFloor),
        .init(name: "inventory adjust lets continue variants go negative", run: continueBelowZero),
    ]

    /// Stores a product with one variant per size for a new tenant and returns both.
    static func stock(
        _ repositories: CatalogRepositories, quantity: Int, policy: InventoryPolicy = .deny, sizes: [String] = ["M"]
    ) throws -> (tenant: UUID, product: Product) {
        let tenant = UUID()
        let product = CatalogFixtures.product(
            tenantID: tenant, handle: "stock-\(UUID().uuidString.prefix(8).lowercased())", sizes: sizes,
            quantity: quantity, policy: policy)
        try repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))
        return (tenant, product)
    }

    /// Creates a product in `tenant` and soft-deletes it at once, for checks that its variants
    /// are treated as gone.
    static func deletedProduct(_ repositories: CatalogRepositories, tenant: UUID) throws -> Product {
        let deleted = CatalogFixtures.product(tenantID: tenant, handle: "gone-\(UUID().uuidString.prefix(8))")
        try repositories.products.create(
            deleted, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(deleted))
        try repositories.products.softDelete(
            id: deleted.id, tenantID: tenant, at: CatalogFixtures.epoch,
            event: CatalogFixtures.event("product.deleted", tenantID: tenant))
        return deleted
    }

    static func setAndAdjust(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try stock(repositories, quantity: 4)
        let variantID = product.variants[0].id
        let time = CatalogFixtures.epoch

        try Expect.equal(
            try repositories.inventory.setQuantity(
                variantID: variantID, to: 10, reason: "stocktake", tenantID: tenant, at: time
            ).available, 10, "after set")
        try Expect.equal(
            try repositories.inventory.adjustQuantity(
                variantID: variantID, by: -3, reason: "damaged", tenantID: tenant, at: time
            ).available, 7, "after adjust")
        try Expect.equal(try repositories.inventory.level(variantID: variantID, tenantID: tenant).available, 7, "level")
        try Expect.equal(
            try repositories.products.find(id: product.id, tenantID: tenant)?.variants[0].inventoryQuantity, 7,
            "product's quantity")

        let movements = try repositories.inventory.movements(variantID: variantID, tenantID: tenant)
        try Expect.equal(movements.map(\.delta), [6, -3], "movement deltas")
        try Expect.equal(movements.map(\.resultingQuantity), [10, 7], "movement results")
        try Expect.equal(movements.map(\.reason), ["stocktake", "damaged"], "movement reasons")
        try Expect.throwsError(code: "variant.not_found", "unknown variant") {
            _ = try repositories.inventory.setQuantity(
                variantID: UUID(), to: 1, reason: "stocktake", tenantID: tenant, at: time)
        }
    }

    static func denyFloor(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try stock(repositories, quantity: 2)
        let variantID = product.variants[0].id
        try Expect.throwsError(code: "inventory.insufficient_stock", "removing 3 of 2") {
            _ = try repositories.inventory.adjustQuantity(
                variantID: variantID, by: -3, reason: "damaged", tenantID: tenant, at: CatalogFixtures.epoch)
        }
        try Expect.equal(
            try repositories.inventory.level(variantID: variantID, tenantID: tenant).available, 2,
            "stock after the rejected removal")
        try Expect.equal(
            try repositories.inventory.adjustQuantity(
                variantID: variantID, by: -2, reason: "sold offline", tenantID: tenant, at: CatalogFixtures.epoch
            ).available, 0, "removing all")
    }

    static func continueBelowZero(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try stock(repositories, quantity: 1, policy: .continue)
        let level = try repositories.inventory.adjustQuantity(
            variantID: product.variants[0].id, by: -3, reason: "backorder", tenantID: tenant, at: CatalogFixtures.epoch)
        try Expect.equal(level.available, -2, "continue variant below zero")
    }
}
