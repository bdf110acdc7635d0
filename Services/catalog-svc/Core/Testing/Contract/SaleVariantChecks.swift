import CommonKernel
import FoundationEssentials

enum SaleVariantChecks {
    static let all: [CatalogRepositoryContract.Check] = [
        .init(name: "sale variants read live variants with stock", run: liveVariantsWithStock),
        .init(name: "sale variants leave out unknown and deleted", run: unknownAndDeletedLeftOut),
    ]

    static func liveVariantsWithStock(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 6, sizes: ["S", "M", "L"])
        let ids = product.variants.map(\.id)
        _ = try repositories.inventory.adjustQuantity(
            variantID: ids[1], by: -4, reason: "stocktake", tenantID: tenant, at: CatalogFixtures.epoch)

        let found = try repositories.inventory.saleVariants([ids[2], ids[1], ids[2]], tenantID: tenant)

        let expectedOrder = [ids[1], ids[2]].sorted { $0.uuidString < $1.uuidString }
        try Expect.equal(found.map(\.variant.id), expectedOrder, "variants in id order, each once")
        guard let medium = found.first(where: { $0.variant.id == ids[1] }) else {
            throw ContractViolation(message: "the adjusted variant is missing", file: #fileID, line: #line)
        }
        try Expect.equal(medium.variant.inventoryQuantity, 2, "stock after the adjustment")
        try Expect.equal(medium.variant.optionValues, ["M"], "option values")
        try Expect.equal(medium.variant.price, product.variants[1].price, "price")
        try Expect.equal(medium.variant.sku, product.variants[1].sku, "sku")
        try Expect.equal(medium.productID, product.id, "product id")
        try Expect.equal(medium.productTitle, product.title, "product title")
        try Expect.equal(medium.productHandle, product.handle, "product handle")
        try Expect.equal(medium.productStatus, product.status, "product status")
        try Expect.equal(medium.published, product.published, "published flag")
    }

    static func unknownAndDeletedLeftOut(_ repositories: CatalogRepositories) throws {
        let (tenant, live) = try InventoryRepositoryChecks.stock(repositories, quantity: 1)
        let deleted = try InventoryRepositoryChecks.deletedProduct(repositories, tenant: tenant)
        let (otherTenant, foreign) = try InventoryRepositoryChecks.stock(repositories, quantity: 1)

        let ids = [live.variants[0].id, deleted.variants[0].id, UUID(), foreign.variants[0].id]
        let found = try repositories.inventory.saleVariants(ids, tenantID: tenant)

        try Expect.equal(found.map(\.variant.id), [live.variants[0].id], "only the live variant of this tenant")
        try Expect.equal(
            try repositories.inventory.saleVariants([], tenantID: tenant).count, 0, "an empty request")
        try Expect.equal(
            try repositories.inventory.saleVariants(ids, tenantID: otherTenant).map(\.variant.id),
            [foreign.variants[0].id], "the other tenant sees only its own variant")
    }
}
