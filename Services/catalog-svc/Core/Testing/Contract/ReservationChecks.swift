import CommonKernel
import Dispatch
import FoundationEssentials
import Glibc

enum ReservationChecks {
    static let all: [CatalogRepositoryContract.Check] = [
        .init(name: "reservation takes all lines or none", run: allOrNothing),
        .init(name: "reservation idempotent per order", run: idempotentPerOrder),
        .init(name: "reservation release and commit transitions", run: releaseAndCommit),
        .init(name: "reservation of untracked variant keeps stock", run: untrackedVariant),
        .init(name: "concurrent reservations never oversell", run: concurrentReservations),
    ]

    static func reserve(
        _ repositories: CatalogRepositories, tenant: UUID, order: UUID, _ lines: [ReservationLine]
    ) throws -> Reservation {
        try repositories.inventory.reserve(
            ReservationRequest(orderID: order, lines: lines), tenantID: tenant, at: CatalogFixtures.epoch,
            event: CatalogFixtures.event("inventory.reserved", tenantID: tenant))
    }

    static func available(_ repositories: CatalogRepositories, _ variantID: UUID, tenant: UUID) throws -> Int {
        try repositories.inventory.level(variantID: variantID, tenantID: tenant).available
    }

    static func allOrNothing(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 2, sizes: ["S", "M"])
        let small = product.variants[0].id
        let medium = product.variants[1].id
        let lines = [ReservationLine(variantID: small, quantity: 1), ReservationLine(variantID: medium, quantity: 3)]

        try Expect.throwsError(code: "inventory.insufficient_stock", "reserving 3 of 2") {
            _ = try reserve(repositories, tenant: tenant, order: UUID(), lines)
        }
        try Expect.equal(
            try available(repositories, small, tenant: tenant), 2, "first line's stock after the failed reservation")
        try Expect.equal(
            try available(repositories, medium, tenant: tenant), 2, "second line's stock after the failed reservation")
        try Expect.equal(
            try repositories.events(tenant).map(\.type), ["product.created"], "events after the failed reservation")

        let order = UUID()
        let reservation = try reserve(
            repositories, tenant: tenant, order: order,
            [ReservationLine(variantID: small, quantity: 1), ReservationLine(variantID: medium, quantity: 2)])
        try Expect.equal(reservation.state, .reserved, "state")
        try Expect.equal(try available(repositories, small, tenant: tenant), 1, "first line's stock")
        try Expect.equal(try available(repositories, medium, tenant: tenant), 0, "second line's stock")
        try Expect.throwsError(code: "variant.not_found", "reserving an unknown variant") {
            _ = try reserve(
                repositories, tenant: tenant, order: UUID(), [ReservationLine(variantID: UUID(), quantity: 1)])
        }
    }

    static func idempotentPerOrder(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 5)
        let variantID = product.variants[0].id
        let order = UUID()
        let lines = [ReservationLine(variantID: variantID, quantity: 2)]

        let first = try reserve(repositories, tenant: tenant, order: order, lines)
        let second = try reserve(repositories, tenant: tenant, order: order, lines)
        try Expect.equal(second, first, "repeated reservation")
        try Expect.equal(
            try available(repositories, variantID, tenant: tenant), 3, "stock after a repeated reservation")
        try Expect.equal(
            try repositories.events(tenant).filter { $0.type == "inventory.reserved" }.count, 1, "reserved events")
        try Expect.throwsError(code: "inventory.reservation_mismatch", "same order, other lines") {
            _ = try reserve(
                repositories, tenant: tenant, order: order, [ReservationLine(variantID: variantID, quantity: 1)])
        }
    }

    static func releaseAndCommit(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 5)
        let variantID = product.variants[0].id
        // Each call gets an event of its own, because an event id identifies one change to consumers.
        var event: CatalogEvent { CatalogFixtures.event("inventory.changed", tenantID: tenant) }
        let time = CatalogFixtures.epoch
        let cancelled = UUID()
        let paid = UUID()
        _ = try reserve(
            repositories, tenant: tenant, order: cancelled, [ReservationLine(variantID: variantID, quantity: 2)])
        _ = try reserve(repositories, tenant: tenant, order: paid, [ReservationLine(variantID: variantID, quantity: 1)])

        try Expect.equal(
            try repositories.inventory.release(orderID: cancelled, tenantID: tenant, at: time, event: event).state,
            .released, "released state")
        try Expect.equal(try available(repositories, variantID, tenant: tenant), 4, "stock after release")
        _ = try repositories.inventory.release(orderID: cancelled, tenantID: tenant, at: time, event: event)
        try Expect.equal(try available(repositories, variantID, tenant: tenant), 4, "stock after a repeated release")
        try Expect.throwsError(code: "inventory.reservation_released", "commit after release") {
            _ = try repositories.inventory.commit(orderID: cancelled, tenantID: tenant, at: time, event: event)
        }
        try Expect.throwsError(code: "inventory.reservation_released", "reserve again after release") {
            _ = try reserve(
                repositories, tenant: tenant, order: cancelled, [ReservationLine(variantID: variantID, quantity: 2)])
        }

        try Expect.equal(
            try repositories.inventory.commit(orderID: paid, tenantID: tenant, at: time, event: event).state,
            .committed, "committed state")
        _ = try repositories.inventory.commit(orderID: paid, tenantID: tenant, at: time, event: event)
        try Expect.equal(try available(repositories, variantID, tenant: tenant), 4, "stock after commit")
        try Expect.throwsError(code: "inventory.reservation_committed", "release after commit") {
            _ = try repositories.inventory.release(orderID: paid, tenantID: tenant, at: time, event: event)
        }
        try Expect.throwsError(code: "inventory.reservation_not_found", "release of an unknown order") {
            _ = try repositories.inventory.release(orderID: UUID(), tenantID: tenant, at: time, event: event)
        }
        try Expect.that(
            try repositories.inventory.reservation(orderID: paid, tenantID: UUID()) == nil,
            "reservation seen from another tenant")
    }

    static func untrackedVariant(_ repositories: CatalogRepositories) throws {
        let tenant = UUID()
        var product = CatalogFixtures.product(tenantID: tenant, handle: "digital-pattern", quantity: 0)
        product.variants[0].tracksInventory = false
        try repositories.products.create(
            product, tenantID: tenant, productLimit: nil, event: CatalogFixtures.createdEvent(product))

        let reservation = try reserve(
            repositories, tenant: tenant, order: UUID(),
            [ReservationLine(variantID: product.variants[0].id, quantity: 3)])
        try Expect.equal(reservation.state, .reserved, "state")
        try Expect.equal(
            try available(repositories, product.variants[0].id, tenant: tenant), 0, "untracked stock after reservation")
    }

    static func concurrentReservations(_ repositories: CatalogRepositories) throws {
        let (tenant, product) = try InventoryRepositoryChecks.stock(repositories, quantity: 10)
        let variantID = product.variants[0].id
        let outcomes = ConcurrentOutcomes()
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            do {
                _ = try reserve(
                    repositories, tenant: tenant, order: UUID(), [ReservationLine(variantID: variantID, quantity: 1)])
                outcomes.record(success: true)
            } catch let error as AppError where error.code == "inventory.insufficient_stock" {
                outcomes.record(success: false)
            } catch {
                outcomes.record(unexpected: error)
            }
        }
        try Expect.equal(outcomes.unexpected, [], "unexpected errors")
        try Expect.equal(outcomes.successes, 10, "successful reservations")
        try Expect.equal(outcomes.rejections, 190, "rejected reservations")
        try Expect.equal(try available(repositories, variantID, tenant: tenant), 0, "stock after the rush")
    }
}
