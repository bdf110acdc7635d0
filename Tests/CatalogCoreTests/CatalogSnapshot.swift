import CatalogCore
import CommonKernel
import Foundation

/// A product without ids, tenant and timestamps, so catalogs of two tenants can be compared.
struct ProductSnapshot: Equatable, CustomStringConvertible {
    struct VariantSnapshot: Equatable {
        var variant: Variant
        var imageSrc: String?
    }

    var product: Product
    var variants: [VariantSnapshot]
    var images: [ImageDraft]

    init(_ product: Product) {
        var stripped = product
        stripped.id = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        stripped.tenantID = stripped.id
        stripped.revision = 0
        stripped.createdAt = Date(timeIntervalSince1970: 0)
        stripped.updatedAt = stripped.createdAt
        stripped.variants = []
        stripped.images = []
        self.product = stripped
        self.variants = product.variants.sorted { $0.position < $1.position }.map { variant in
            var copy = variant
            copy.id = stripped.id
            return VariantSnapshot(
                variant: copy, imageSrc: product.images.first { $0.variantIDs.contains(variant.id) }?.src)
        }
        self.images = product.images.sorted { $0.position < $1.position }.map { ImageDraft(src: $0.src, alt: $0.alt) }
    }

    var description: String { "\(product.handle): \(variants.count) variants, \(images.count) images" }
}

/// Snapshots of every product of a catalog by handle.
func snapshots(_ products: [String: Product]) -> [String: ProductSnapshot] {
    products.mapValues(ProductSnapshot.init)
}
