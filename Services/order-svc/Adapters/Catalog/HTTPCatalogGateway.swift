import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// The `CatalogGateway` over catalog-svc's `GET /internal/variants?ids=`.
///
/// A variant counts as for sale only when its product is active and published. Other variants
/// are left out like unknown ids, so that a cart cannot add or check out a hidden product.
public struct HTTPCatalogGateway: CatalogGateway {
    /// The maximum number of ids that catalog-svc accepts in one request.
    static let idsPerRequest = 100

    let client: CatalogServiceClient

    public init(client: CatalogServiceClient) {
        self.client = client
    }

    public func variants(_ ids: [UUID], tenant: TenantRecord) throws -> [VariantSnapshot] {
        var unique: [UUID] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        var snapshots: [VariantSnapshot] = []
        var start = 0
        while start < unique.count {
            let chunk = unique[start..<min(start + Self.idsPerRequest, unique.count)]
            snapshots += try fetch(Array(chunk), tenant: tenant)
            start += Self.idsPerRequest
        }
        return snapshots
    }

    private func fetch(_ ids: [UUID], tenant: TenantRecord) throws -> [VariantSnapshot] {
        let list = ids.map { $0.lowercasedString }.joined(separator: ",")
        let path = "/internal/variants?ids=\(list)"
        let response = try client.send(.get, path, tenantID: tenant.id)
        guard response.status == 200 else { throw client.unexpected(response, path: "/internal/variants") }
        let records: [VariantRecord]
        do {
            records = try VariantRecord.page(response.body)
        } catch {
            throw client.unexpected(response, path: "/internal/variants")
        }
        return try records.filter(\.isForSale).map { try $0.snapshot() }
    }
}

/// One variant as catalog-svc describes it to order-svc.
struct VariantRecord {
    var id: UUID
    var productId: UUID
    var productTitle: String
    var productStatus: String
    var published: Bool
    /// The option values joined by " / ".
    var title: String
    var sku: String?
    var price: String
    var currency: String
    var grams: Double?
    var taxable: Bool
    var requiresShipping: Bool
    /// `shopify` when the catalog counts the variant's stock, null otherwise.
    var inventoryManagement: String?
    var inventoryPolicy: String
    var inventoryQuantity: Int

    var isForSale: Bool { productStatus == "active" && published }

    /// Throws `AppError(.unavailable)` for a price or currency that the catalog should never send.
    func snapshot() throws -> VariantSnapshot {
        let money: Money
        do {
            money = try Money.parse(price, currency: try Currency(code: currency), field: "price")
        } catch {
            throw AppError(
                .unavailable, code: "catalog.invalid_variant",
                detail: "The catalog sent variant \(id.lowercasedString) with a price that cannot be read.")
        }
        return VariantSnapshot(
            variantID: id, productID: productId, title: productTitle, variantTitle: title, sku: sku ?? "",
            price: money, weightGrams: Int((grams ?? 0).rounded()), requiresShipping: requiresShipping,
            taxable: taxable, availableQuantity: inventoryQuantity, tracksInventory: inventoryManagement != nil,
            inventoryPolicy: VariantSnapshot.InventoryPolicy(rawValue: inventoryPolicy) ?? .deny)
    }
}
