import CommonKernel

extension MappedProduct {
    /// Converts a validator error about the built product into an issue at its row and column.
    ///
    /// Paths such as `variants[2].price` or `images[0].src` map to the record of that variant or
    /// image; product-level paths map to the first row.
    func issue(for error: FieldError) -> ImportIssue {
        let (record, column) = locate(error.field)
        return ImportIssue(row: record.row, column: column?.rawValue ?? "", message: error.message)
    }

    private func locate(_ path: String) -> (CSVRecord, ShopifyColumn?) {
        let head = path.split(separator: ".").first.map(String.init) ?? path
        let tail = path.split(separator: ".").dropFirst().first.map(String.init) ?? ""
        if let index = Self.index(in: head, named: "variants") {
            let record = variantRecords.indices.contains(index) ? variantRecords[index] : firstRecord
            return (record, Self.variantColumns[tail] ?? .option1Value)
        }
        if let index = Self.index(in: head, named: "images") {
            let record = imageRecords.indices.contains(index) ? imageRecords[index] : firstRecord
            return (record, .imageSrc)
        }
        if head.hasPrefix("options") { return (firstRecord, .option1Name) }
        if head.hasPrefix("tags") { return (firstRecord, .tags) }
        return (firstRecord, Self.productColumns[head])
    }

    private static func index(in segment: String, named name: String) -> Int? {
        guard segment.hasPrefix("\(name)["), segment.hasSuffix("]") else { return nil }
        return Int(segment.dropFirst(name.count + 1).dropLast())
    }

    private static let productColumns: [String: ShopifyColumn] = [
        "title": .title, "handle": .handle, "body_html": .bodyHTML, "vendor": .vendor,
        "product_type": .type, "product_category": .productCategory, "seo_title": .seoTitle,
    ]

    private static let variantColumns: [String: ShopifyColumn] = [
        "price": .variantPrice, "compare_at_price": .variantCompareAtPrice, "cost_per_item": .costPerItem,
        "sku": .variantSKU, "barcode": .variantBarcode, "tax_code": .variantTaxCode, "grams": .variantGrams,
        "option1": .option1Value, "option2": .option2Value, "option3": .option3Value,
    ]
}
