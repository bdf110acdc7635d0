import CommonKernel
import FoundationEssentials

extension ShopifyProductMapper {
    /// Reads the variant a row describes; returns nil when the row has no option value, SKU or price.
    ///
    /// Starts from the existing variant with the same option values, so columns missing from
    /// the file keep their stored values. The quantity is also returned apart, because the
    /// stock of existing variants changes only through the inventory.
    func readVariant(
        _ parser: inout ShopifyFieldParsing, optionNames: [String], existing: [VariantDraft]
    ) -> (draft: VariantDraft, quantity: Int?)? {
        let cells = ShopifyColumn.optionValues.map { parser.nonEmpty($0) }
        guard
            cells.contains(where: { $0 != nil }) || parser.nonEmpty(.variantSKU) != nil
                || parser.nonEmpty(.variantPrice) != nil
        else { return nil }

        let optionValues = readOptionValues(cells, optionNames: optionNames, parser: &parser)
        var variant =
            existing.first { $0.optionValues == optionValues }
            ?? VariantDraft(optionValues: optionValues, price: .zero(currency))
        variant.optionValues = optionValues
        readStock(into: &variant, parser: &parser)
        readPrices(into: &variant, parser: &parser)
        readShipping(into: &variant, parser: &parser)

        let quantity = header.has(.variantInventoryQuantity) ? parser.integer(.variantInventoryQuantity) ?? 0 : nil
        if let quantity { variant.inventoryQuantity = quantity }
        return (variant, quantity)
    }

    private func readOptionValues(
        _ cells: [String?], optionNames: [String], parser: inout ShopifyFieldParsing
    ) -> [String] {
        if optionNames.isEmpty {
            if let value = cells[0], value != ProductOption.defaultTitleValue {
                parser.fail(
                    .option1Value,
                    "\"\(value)\" belongs to no option because the product's first row has no Option1 Name")
            }
            for (index, cell) in cells.enumerated().dropFirst() where cell != nil {
                parser.fail(
                    ShopifyColumn.optionValues[index],
                    "\"\(cell!)\" belongs to no option because the product's first row has no Option\(index + 1) Name")
            }
            return [ProductOption.defaultTitleValue]
        }

        var values: [String] = []
        for (index, cell) in cells.enumerated() {
            let column = ShopifyColumn.optionValues[index]
            if index < optionNames.count {
                if let cell {
                    values.append(cell)
                } else {
                    parser.fail(
                        column,
                        "is empty but the product has the option \"\(optionNames[index])\"; give this variant a value")
                }
            } else if let cell {
                parser.fail(
                    column,
                    "\"\(cell)\" belongs to no option because the product's first row has no Option\(index + 1) Name")
            }
        }
        return values
    }

    private func readStock(into variant: inout VariantDraft, parser: inout ShopifyFieldParsing) {
        if let sku = header.value(.variantSKU, in: parser.record) { variant.sku = sku }
        if let tracker = header.value(.variantInventoryTracker, in: parser.record) {
            variant.tracksInventory = !tracker.isEmpty
        }
        if header.has(.variantInventoryPolicy) {
            variant.inventoryPolicy = parser.choice(.variantInventoryPolicy, InventoryPolicy.self) ?? .deny
        }
        if let barcode = header.value(.variantBarcode, in: parser.record) { variant.barcode = barcode }
    }

    private func readPrices(into variant: inout VariantDraft, parser: inout ShopifyFieldParsing) {
        if header.has(.variantPrice) {
            if parser.nonEmpty(.variantPrice) == nil {
                let example = Money(minorUnits: 1250 * currency.minorUnitsPerMajorUnit, currency: currency).formatted
                parser.fail(.variantPrice, "is empty; every variant needs a price, such as \(example)")
            }
            variant.price = parser.money(.variantPrice, currency: currency) ?? variant.price
        }
        if header.has(.variantCompareAtPrice) {
            variant.compareAtPrice = parser.money(.variantCompareAtPrice, currency: currency)
        }
        if header.has(.costPerItem) { variant.costPerItem = parser.money(.costPerItem, currency: currency) }
        if header.has(.variantTaxable) { variant.taxable = parser.bool(.variantTaxable) ?? true }
        if let taxCode = header.value(.variantTaxCode, in: parser.record) { variant.taxCode = taxCode }
    }

    private func readShipping(into variant: inout VariantDraft, parser: inout ShopifyFieldParsing) {
        if header.has(.variantGrams) { variant.weight.milligrams = parser.milligrams(.variantGrams) ?? 0 }
        if header.has(.variantWeightUnit) {
            variant.weight.unit = parser.choice(.variantWeightUnit, WeightUnit.self) ?? .kg
        }
        if header.has(.variantRequiresShipping) {
            variant.requiresShipping = parser.bool(.variantRequiresShipping) ?? true
        }
        if header.has(.variantImage) {
            let src = parser.nonEmpty(.variantImage)
            if let src, let problem = ProductValidator.problem(withImageSource: src) {
                parser.fail(.variantImage, "\(problem) (got \"\(src)\")")
            }
            variant.imageSrc = src
        }
    }
}
