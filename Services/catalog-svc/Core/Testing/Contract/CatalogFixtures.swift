import CommonKernel
import FoundationEssentials

/// Small valid products for contract checks and tests; every value can be overridden.
public enum CatalogFixtures {
    /// A fixed start time, so that checks can place products in time without sleeping.
    public static let epoch = Date(timeIntervalSince1970: 1_767_225_600)

    /// Builds a product with one option "Size" and one variant per size, all priced `price` poisha.
    public static func product(
        tenantID: UUID, handle: String, title: String? = nil, price: Int64 = 10_000, sizes: [String] = ["M"],
        quantity: Int = 10, policy: InventoryPolicy = .deny, sku: String? = nil, tags: [String] = [],
        vendor: String = "Karigor", productType: String = "Textile", status: ProductStatus = .active,
        createdAt: Date = epoch, currency: Currency = .bdt
    ) -> Product {
        let variants = sizes.enumerated().map { index, size in
            Variant(
                sku: sku ?? "\(handle)-\(size)".uppercased(), optionValues: [size],
                price: Money(minorUnits: price, currency: currency), inventoryPolicy: policy,
                inventoryQuantity: quantity, position: index + 1)
        }
        return Product(
            tenantID: tenantID, handle: handle,
            title: title ?? handle.replacingAll("-", with: " ").capitalized,
            vendor: vendor, productType: productType, tags: tags, status: status,
            options: [ProductOption(name: "Size", values: sizes)], variants: variants,
            images: [ProductImage(src: "/static/demo/\(handle).jpg", position: 1)],
            createdAt: createdAt, updatedAt: createdAt)
    }

    /// Builds the `product.created` event that a create of `product` records.
    public static func createdEvent(_ product: Product) -> CatalogEvent {
        CatalogEvent.product("created", product, at: product.createdAt)
    }

    /// Builds an event of `type` for `tenantID`, for calls whose event content does not matter.
    public static func event(_ type: String, tenantID: UUID) -> CatalogEvent {
        CatalogEvent(type: type, tenantID: tenantID, occurredAt: epoch, data: .object([:]))
    }
}
