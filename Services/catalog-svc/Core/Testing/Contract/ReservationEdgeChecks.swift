import CommonKernel
import Dispatch
import FoundationEssentials
import Glibc

enum ReservationEdgeChecks {
    static let all: [CatalogRepositoryContract.Check] = [
        .init(name: "reservation repeated after stock ran out", run: repeatAfterStockRanOut),
        .init(name: "reservation of a deleted product's variant", run: deletedProductVariant),
        .init(name: "reservation below zero only for continue", run: continueLineWithShortDenyLine),
        .init(name: "concurrent repeats of one order reserve once", run: concurrentRepeatsOfOneOrder),
        .init(name: "crossed line orders never deadlock", run: crossedLineOrders),
    ]

    private static func reserve(
        _ repositories: CatalogRepositories, tenant: UUID, order: UUID, _ lines: [ReservationLine]
    ) throws -> Reservation {
        try ReservationChecks.reserve(repositories, tenant: tenant, order: order, lines)
    }

    private static func available(_ repositories: CatalogRepositories, _ variantID: UUID, tenant: UUID) throws -> Int {
        try ReservationChecks.available(repositories, variantID, tenant: tenant)
    }

    static func repeatAfterStockRanOut(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 2)
        let lines = [ReservationLine(variantID: product.variants[0].id, quantity: 2)]
        let order = UUID()

        let first = try reserve(repositories, tenant: tenant, order: order, lines)
        let repeated = try reserve(repositories, tenant: tenant, order: order, lines)

        try Expect.equal(repeated, first, "the repeat returns the first reservation")
        try Expect.equal(try available(repositories, product.variants[0].id, tenant: tenant), 0, "stock")
    }

    static func deletedProductVariant(_ repositories: CatalogRepositories) throws {
        let (tenant, live) = try InventoryRepositoryChecks.stock(repositories, quantity: 3)
        let deleted = try InventoryRepositoryChecks.deletedProduct(repositories, tenant: tenant)
        let lines = [
            ReservationLine(variantID: live.variants[0].id, quantity: 1),
            ReservationLine(variantID: deleted.variants[0].id, quantity: 1),
        ]

        try Expect.throwsError(code: "variant.not_found", "reserving a deleted product's variant") {
            _ = try reserve(repositories, tenant: tenant, order: UUID(), lines)
        }
        try Expect.equal(try available(repositories, live.variants[0].id, tenant: tenant), 3, "live stock")
        try Expect.equal(
            try repositories.events(tenant).filter { $0.type == "inventory.reserved" }.count, 0, "reserved events")
    }

    static func continueLineWithShortDenyLine(_ repositories: CatalogRepositories) throws {
        let (tenant, oversold) = try InventoryRepositoryChecks.stock(repositories, quantity: 1, policy: .continue)
        let (_, scarce) = try stockForTenant(tenant, repositories, quantity: 1)
        let continueLine = ReservationLine(variantID: oversold.variants[0].id, quantity: 3)

        try Expect.throwsError(code: "inventory.insufficient_stock", "a short deny line") {
            _ = try reserve(
                repositories, tenant: tenant, order: UUID(),
                [continueLine, ReservationLine(variantID: scarce.variants[0].id, quantity: 2)])
        }
        try Expect.equal(
            try available(repositories, oversold.variants[0].id, tenant: tenant), 1, "continue stock after failure")

        _ = try reserve(repositories, tenant: tenant, order: UUID(), [continueLine])
        try Expect.equal(
            try available(repositories, oversold.variants[0].id, tenant: tenant), -2, "continue stock below zero")
        let movements = try repositories.inventory.movements(variantID: oversold.variants[0].id, tenantID: tenant)
        try Expect.equal(movements.last?.delta, -3, "movement of the reservation")
        try Expect.equal(movements.last?.resultingQuantity, -2, "quantity recorded with the movement")
    }

    static func concurrentRepeatsOfOneOrder(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 5)
        let lines = [ReservationLine(variantID: product.variants[0].id, quantity: 2)]
        let order = UUID()
        let outcomes = ConcurrentOutcomes()
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            do {
                let reservation = try reserve(repositories, tenant: tenant, order: order, lines)
                outcomes.record(success: reservation.lines == lines)
            } catch {
                outcomes.record(unexpected: error)
            }
        }

        try Expect.equal(outcomes.unexpected, [], "unexpected errors")
        try Expect.equal(outcomes.successes, 20, "calls that returned the order's reservation")
        try Expect.equal(try available(repositories, product.variants[0].id, tenant: tenant), 3, "stock")
        try Expect.equal(
            try repositories.events(tenant).filter { $0.type == "inventory.reserved" }.count, 1, "reserved events")
    }

    static func crossedLineOrders(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 15, sizes: ["S", "M"])
        let small = product.variants[0].id
        let medium = product.variants[1].id
        let outcomes = ConcurrentOutcomes()
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            let pair = [ReservationLine(variantID: small, quantity: 1), ReservationLine(variantID: medium, quantity: 1)]
            do {
                _ = try reserve(repositories, tenant: tenant, order: UUID(), index % 2 == 0 ? pair : pair.reversed())
                outcomes.record(success: true)
            } catch let error as AppError where error.code == "inventory.insufficient_stock" {
                outcomes.record(success: false)
            } catch {
                outcomes.record(unexpected: error)
            }
        }

        try Expect.equal(outcomes.unexpected, [], "unexpected errors, such as a deadlock")
        try Expect.equal(outcomes.successes, 15, "successful reservations")
        try Expect.equal(try available(repositories, small, tenant: tenant), 0, "first variant's stock")
        try Expect.equal(try available(repositories, medium, tenant: tenant), 0, "second variant's stock")
    }

    /// Stores another product for an existing tenant.
    private static func stockForTenant(
        _ tenant: UUID, _ repositories: CatalogRepositories, quantity: Int
    ) throws -> (tenant: UUID, product: Product) {
        let product = CatalogFixtures.product(
            tenantID: tenant, handle: "more-\(UUID().uuidString.prefix(8).lowercased())", quantity: quantity)
        try repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))
        return (tenant, product)
    }
}
