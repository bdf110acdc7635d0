import CommonKernel
import FoundationEssentials

/// Writes products as Shopify's product CSV, with the header in Shopify's export order.
///
/// Row i of a product carries variant i and gallery image i, so a product takes as many rows as
/// it has variants or images, whichever is more. The first row also carries the product
/// fields and option names. Google Shopping and "Linked To" columns are written empty because
/// the catalog does not store them.
public struct ShopifyProductWriter: Sendable {
    private var writer = CSVWriter()

    /// Starts the file with the header row.
    public init() {
        writer.write(ShopifyColumn.exportOrder.map(\.rawValue))
    }

    /// The CSV text written so far.
    public var text: String { writer.text }

    /// Appends the rows of `product`.
    public mutating func write(_ product: Product) {
        let images = product.images.sorted { $0.position < $1.position }
        let variants = product.variants.sorted { $0.position < $1.position }
        for index in 0..<max(variants.count, images.count, 1) {
            var cells: [ShopifyColumn: String] = [.handle: product.handle]
            if index == 0 { Self.addProductCells(product, to: &cells) }
            if index < variants.count { Self.addVariantCells(variants[index], of: product, to: &cells) }
            if index < images.count {
                cells[.imageSrc] = images[index].src
                cells[.imagePosition] = String(index + 1)
                cells[.imageAltText] = images[index].alt
            }
            writer.write(ShopifyColumn.exportOrder.map { cells[$0] ?? "" })
        }
    }

    private static func addProductCells(_ product: Product, to cells: inout [ShopifyColumn: String]) {
        cells[.title] = product.title
        cells[.bodyHTML] = product.bodyHTML
        cells[.vendor] = product.vendor
        cells[.productCategory] = product.productCategory
        cells[.type] = product.productType
        cells[.tags] = product.tags.joined(separator: ", ")
        cells[.published] = String(product.published)
        cells[.giftCard] = String(product.giftCard)
        cells[.seoTitle] = product.seoTitle
        cells[.seoDescription] = product.seoDescription
        cells[.status] = product.status.rawValue
        for (index, option) in product.options.prefix(3).enumerated() {
            cells[ShopifyColumn.optionNames[index]] = option.name
        }
    }

    private static func addVariantCells(
        _ variant: Variant, of product: Product, to cells: inout [ShopifyColumn: String]
    ) {
        for (index, value) in variant.optionValues.prefix(3).enumerated() {
            cells[ShopifyColumn.optionValues[index]] = value
        }
        cells[.variantSKU] = variant.sku
        cells[.variantGrams] = variant.weight.gramsText
        cells[.variantInventoryTracker] = variant.tracksInventory ? "shopify" : ""
        cells[.variantInventoryQuantity] = String(variant.inventoryQuantity)
        cells[.variantInventoryPolicy] = variant.inventoryPolicy.rawValue
        cells[.variantFulfillmentService] = "manual"
        cells[.variantPrice] = variant.price.formatted
        cells[.variantCompareAtPrice] = variant.compareAtPrice?.formatted ?? ""
        cells[.variantRequiresShipping] = String(variant.requiresShipping)
        cells[.variantTaxable] = String(variant.taxable)
        cells[.variantBarcode] = variant.barcode
        cells[.variantImage] = product.images.first { $0.variantIDs.contains(variant.id) }?.src ?? ""
        cells[.variantWeightUnit] = variant.weight.unit.rawValue
        cells[.variantTaxCode] = variant.taxCode
        cells[.costPerItem] = variant.costPerItem?.formatted ?? ""
    }
}
