import CommonKernel
import FoundationEssentials

/// A stored product and the warnings its validation raised, such as a repeated SKU.
public struct ProductChange: Sendable, Equatable {
    public var product: Product
    public var warnings: [FieldError]

    public init(product: Product, warnings: [FieldError]) {
        self.product = product
        self.warnings = warnings
    }
}

/// The current time cut to milliseconds, the default clock of the catalog's use cases.
public let catalogClock: @Sendable () -> Date = { Date().truncatedToMilliseconds }

extension ProductValidator {
    /// Validates `product` and adds a warning for each SKU that another live product of the
    /// tenant already uses.
    func validate(_ product: Product, againstCatalog products: any ProductRepository) throws -> ValidationReport {
        var report = validate(product)
        var checked: Set<String> = []
        for (index, variant) in product.variants.enumerated()
        where !variant.sku.isEmpty && checked.insert(variant.sku).inserted {
            let owners = try products.productIDs(withSKU: variant.sku, tenantID: product.tenantID).filter {
                $0 != product.id
            }
            if !owners.isEmpty {
                report.warning(
                    "variants[\(index)].sku", "\"\(variant.sku)\" is also the SKU of another product",
                    code: "duplicate_sku")
            }
        }
        return report
    }
}
