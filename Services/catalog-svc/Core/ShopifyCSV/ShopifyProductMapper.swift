import CommonKernel
import FoundationEssentials

/// One product read from a Shopify file: the draft and the record behind each variant and image.
struct MappedProduct: Sendable {
    var draft: ProductDraft
    var firstRecord: CSVRecord
    /// The record of each draft variant, in draft order.
    var variantRecords: [CSVRecord]
    /// The "Variant Inventory Qty" of each draft variant; nil when the file has no such column.
    var quantities: [Int?]
    /// The record of each draft image, in draft order.
    var imageRecords: [CSVRecord]
    /// Whether the file has any column that describes variants.
    var describesVariants: Bool
    /// Problems of rows that were skipped; the rest of the product is still imported.
    var errors: [ImportIssue] = []
    var warnings: [ImportIssue] = []
}

/// Turns one product's rows into a draft, the way Shopify reads its product CSV.
///
/// The first row carries the product fields and option names. Every row with an option value,
/// a SKU or a price adds a variant, and every row with an Image Src adds an image, so a row may
/// add both. A row with any unreadable cell is skipped whole, with an error per cell. A column
/// missing from the file keeps the existing product's value, so partial files update in place.
struct ShopifyProductMapper: Sendable {
    let header: ShopifyHeader
    let currency: Currency

    /// The mapped product, or the errors of its first row when the product must be skipped.
    func map(_ rows: ShopifyProductRows, existing: Product?) -> Result<MappedProduct, ImportFailure> {
        let first = rows.records[0]
        var base = existing.map(ProductDraft.init) ?? ProductDraft(title: "")
        base.handle = Handle.composed(rows.handle)

        var parser = ShopifyFieldParsing(header: header, record: first)
        if let problem = Handle.problem(with: rows.handle) {
            parser.fail(
                .handle, "\(problem) (got \"\(rows.handle)\"); Shopify handles use lower-case letters, digits and \"-\""
            )
        }
        applyProductFields(to: &base, parser: &parser, isNew: existing == nil)
        let optionNames = readOptionNames(parser: &parser, existing: existing)
        if !parser.errors.isEmpty { return .failure(ImportFailure(errors: parser.errors)) }

        let mapped = mapRows(rows.records, into: base, optionNames: optionNames)
        // Without this check a product whose variant rows all failed would get Shopify's
        // default variant, silently priced zero.
        if mapped.describesVariants, mapped.draft.variants.isEmpty {
            let skipped = ImportIssue(
                row: first.row, column: "",
                message: "has no valid variant row, so the product was skipped; fix the rows listed for this product")
            return .failure(ImportFailure(errors: mapped.errors + [skipped]))
        }
        return .success(mapped)
    }

    private func applyProductFields(to draft: inout ProductDraft, parser: inout ShopifyFieldParsing, isNew: Bool) {
        let record = parser.record
        if let title = header.value(.title, in: record) {
            if title.isEmpty { parser.fail(.title, "is empty; the first row of a product must have its title") }
            draft.title = title
        } else if isNew {
            parser.fail(.title, "is missing; the file has no Title column, which a new product needs")
        }
        if let body = header.rawValue(.bodyHTML, in: record) { draft.bodyHTML = body }
        if let vendor = header.value(.vendor, in: record) { draft.vendor = vendor }
        if let category = header.value(.productCategory, in: record) { draft.productCategory = category }
        if let type = header.value(.type, in: record) { draft.productType = type }
        if let tags = header.value(.tags, in: record) { draft.tags = tags.split(separator: ",").map(String.init) }
        if header.has(.published) { draft.published = parser.bool(.published) ?? true }
        if header.has(.giftCard) { draft.giftCard = parser.bool(.giftCard) ?? false }
        if let title = header.value(.seoTitle, in: record) { draft.seoTitle = title }
        if let description = header.value(.seoDescription, in: record) { draft.seoDescription = description }
        if header.has(.status) { draft.status = parser.choice(.status, ProductStatus.self) ?? .active }
    }

    /// Returns the option names of the first row, or none for a product without options ("Default Title").
    private func readOptionNames(parser: inout ShopifyFieldParsing, existing: Product?) -> [String] {
        guard header.has(.option1Name) else {
            let names = existing?.options.map(\.name) ?? []
            return names == [ProductOption.defaultTitle.name] ? [] : names
        }
        var names = ShopifyColumn.optionNames.map { header.text($0, in: parser.record) }
        while names.last?.isEmpty == true { names.removeLast() }
        for (index, name) in names.enumerated() where name.isEmpty {
            parser.fail(
                ShopifyColumn.optionNames[index],
                "is empty but Option\(index + 2) Name is set; fill the options in order")
        }
        if names == [ProductOption.defaultTitle.name] { return [] }
        return names
    }
}

/// The errors that made a whole product be skipped.
struct ImportFailure: Error, Sendable {
    var errors: [ImportIssue]
}
