import CatalogCore
import CommonKernel
import FoundationEssentials

/// Staff stock routes: `GET /api/v1/inventory/{variant_id}` and `.../movements`, and
/// `POST .../set` with `{quantity, reason}` or `POST .../adjust` with `{delta, reason}`.
struct InventoryRoutes {
    let inventory: any InventoryRepository

    func install(into router: inout Router) {
        router.get("/api/v1/inventory/{variant_id}") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            return try .json(InventoryLevelBody(try inventory.level(variantID: try Self.variantID(request), tenantID: tenant.id)))
        }
        router.get("/api/v1/inventory/{variant_id}/movements") { request, context in
            let tenant = try context.tenant()
            try CatalogAccess.requireStaff(context, tenant: tenant)
            let movements = try inventory.movements(variantID: try Self.variantID(request), tenantID: tenant.id)
            return try .json(MovementListBody(data: movements.map(MovementBody.init)))
        }
        router.post("/api/v1/inventory/{variant_id}/set") { request, context in
            try change(request, context, amountKey: "quantity") { .set($0) }
        }
        router.post("/api/v1/inventory/{variant_id}/adjust") { request, context in
            try change(request, context, amountKey: "delta") { .add($0) }
        }
    }

    private func change(
        _ request: HTTPRequest, _ context: RequestContext, amountKey: String,
        _ makeChange: (Int) -> AdjustInventory.Change
    ) throws -> HTTPResponse {
        let tenant = try context.tenant()
        try CatalogAccess.requireStaff(context, tenant: tenant)
        let variantID = try Self.variantID(request)
        var json = try JSONBody.limited(request.body)
        let amount = json.int(amountKey, required: true, range: -AdjustInventory.quantityLimit...AdjustInventory.quantityLimit)
        let reason = json.string("reason", required: true, maxLength: 500)
        try json.finish()

        let level = try AdjustInventory(inventory: inventory).execute(
            variantID: variantID, change: makeChange(amount!), reason: reason!, tenant: tenant)
        context.logger.info(
            "stock changed", ["variant.id": variantID.lowercasedString, "available": String(level.available)])
        return try .json(InventoryLevelBody(level))
    }

    private static func variantID(_ request: HTTPRequest) throws -> UUID {
        try request.uuidParameter("variant_id", resource: "Variant")
    }
}

/// A variant's stock as the API shows it.
struct InventoryLevelBody: Encodable {
    var variantId: String
    var productId: String
    var sku: String
    var available: Int
    var inventoryManagement: String?
    var inventoryPolicy: String

    init(_ level: InventoryLevel) {
        variantId = level.variantID.lowercasedString
        productId = level.productID.lowercasedString
        sku = level.sku
        available = level.available
        inventoryManagement = level.tracksInventory ? "shopify" : nil
        inventoryPolicy = level.inventoryPolicy.rawValue
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(variantId, forKey: .variantId)
        try container.encode(productId, forKey: .productId)
        try container.encode(sku, forKey: .sku)
        try container.encode(available, forKey: .available)
        // Written as null rather than left out, as Shopify does for untracked stock.
        try container.encode(inventoryManagement, forKey: .inventoryManagement)
        try container.encode(inventoryPolicy, forKey: .inventoryPolicy)
    }

    enum CodingKeys: String, CodingKey {
        case variantId, productId, sku, available, inventoryManagement, inventoryPolicy
    }
}

struct MovementBody: Encodable {
    var delta: Int
    var resultingQuantity: Int
    var reason: String
    var occurredAt: Date

    init(_ movement: InventoryMovement) {
        delta = movement.delta
        resultingQuantity = movement.resultingQuantity
        reason = movement.reason
        occurredAt = movement.occurredAt
    }
}

struct MovementListBody: Encodable {
    var data: [MovementBody]
}
