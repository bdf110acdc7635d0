import CatalogCore
import CommonKernel
import FoundationEssentials

/// The reader of a product: staff get stock counts and costs, the public gets availability only.
enum Audience {
    case publicReader
    case staff
}

/// Writes products in the fields of Shopify's Admin REST product resource, with amounts as
/// decimal strings in the currency's decimals beside a `currency` code.
enum ProductJSON {
    /// Writes `product`, with a `warnings` list of `{field, message, code}` when given.
    ///
    /// With `stock: .markers` the values that depend on stock counts are written as the marker
    /// bytes of `PublicProductDocument` instead, for the stored public document.
    static func write(
        _ product: Product, for audience: Audience, warnings: [FieldError]? = nil, stock: StockOutput = .values,
        into writer: inout JSONWriter
    ) {
        writer.object { json in
            json.member("id", id: product.id)
            json.member("title", product.title)
            json.member("body_html", product.bodyHTML)
            json.member("vendor", product.vendor)
            json.member("product_type", product.productType)
            json.member("product_category", product.productCategory)
            json.member("handle", product.handle)
            json.member("tags", product.tags.joined(separator: ", "))
            json.member("status", product.status.rawValue)
            json.member("published", product.published)
            json.member("gift_card", product.giftCard)
            json.member("seo_title", product.seoTitle)
            json.member("seo_description", product.seoDescription)
            json.member("currency", product.variants.first?.price.currency.code)
            writeAvailability(of: product, stock: stock, into: &json)
            writeOptions(product, into: &json)
            json.key("variants")
            json.array(product.variants) { json, variant in
                write(variant, of: product, for: audience, stock: stock, into: &json)
            }
            json.key("images")
            json.array(product.images) { json, image in write(image, of: product, into: &json) }
            json.key("image")
            if let first = product.images.min(by: { $0.position < $1.position }) {
                write(first, of: product, into: &json)
            } else {
                json.null()
            }
            json.member("revision", product.revision)
            json.member("created_at", RFC3339.string(from: product.createdAt))
            json.member("updated_at", RFC3339.string(from: product.updatedAt))
            if let warnings { writeWarnings(warnings, into: &json) }
        }
    }

    private static func writeWarnings(_ warnings: [FieldError], into json: inout JSONWriter) {
        json.key("warnings")
        json.array(warnings) { json, warning in
            json.object { json in
                json.member("field", warning.field)
                json.member("message", warning.message)
                json.member("code", warning.code)
            }
        }
    }

    /// Writes the product's `available`: whether any variant can be bought now.
    private static func writeAvailability(of product: Product, stock: StockOutput, into json: inout JSONWriter) {
        switch stock {
        case .values:
            json.member("available", product.isInStock)
        case .markers:
            // Only variants that enforce a stock floor can be unavailable, so one that does not
            // makes the product available whatever the stock.
            if product.variants.isEmpty || product.variants.contains(where: { !$0.enforcesStockFloor }) {
                json.member("available", !product.variants.isEmpty)
            } else {
                json.member("available", raw: [PublicProductDocument.anyInStockMarker])
            }
        }
    }

    private static func writeOptions(_ product: Product, into json: inout JSONWriter) {
        json.key("options")
        json.array(product.options.enumerated()) { json, entry in
            json.object { json in
                json.member("name", entry.element.name)
                json.member("position", entry.offset + 1)
                json.key("values")
                json.array(entry.element.values) { json, value in json.string(value) }
            }
        }
    }

    static func write(
        _ variant: Variant, of product: Product, for audience: Audience, stock: StockOutput = .values,
        into json: inout JSONWriter
    ) {
        json.object { json in
            json.member("id", id: variant.id)
            json.member("product_id", id: product.id)
            json.member("title", variant.optionValues.joined(separator: " / "))
            json.member("sku", variant.sku)
            json.member("price", variant.price.formatted)
            json.member("compare_at_price", variant.compareAtPrice?.formatted)
            json.member("currency", variant.price.currency.code)
            json.member("position", variant.position)
            json.member("option1", variant.option1)
            json.member("option2", variant.option2)
            json.member("option3", variant.option3)
            json.member("grams", number: variant.weight.gramsText)
            json.member("weight_unit", variant.weight.unit.rawValue)
            json.member("barcode", variant.barcode)
            json.member("taxable", variant.taxable)
            json.member("tax_code", variant.taxCode)
            json.member("requires_shipping", variant.requiresShipping)
            json.member("inventory_management", variant.tracksInventory ? "shopify" : nil)
            json.member("inventory_policy", variant.inventoryPolicy.rawValue)
            if stock == .markers, variant.enforcesStockFloor {
                json.member("available", raw: [PublicProductDocument.inStockMarker])
            } else {
                json.member("available", variant.isAvailable)
            }
            json.member("image_id", id: product.images.first { $0.variantIDs.contains(variant.id) }?.id)
            if audience == .staff {
                json.member("inventory_quantity", variant.inventoryQuantity)
                json.member("cost_per_item", variant.costPerItem?.formatted)
            }
        }
    }

    static func write(_ image: ProductImage, of product: Product, into json: inout JSONWriter) {
        json.object { json in
            json.member("id", id: image.id)
            json.member("product_id", id: product.id)
            json.member("position", image.position)
            json.member("src", image.src)
            json.member("alt", image.alt)
            json.key("variant_ids")
            json.array(image.variantIDs) { json, id in json.string(id: id) }
        }
    }
}

/// The form in which `ProductJSON` writes the values that depend on stock counts.
enum StockOutput {
    /// The values as of the product read.
    case values
    /// Marker bytes that `PublicProductDocument` replaces with the values at read time.
    case markers
}
