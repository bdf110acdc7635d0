import CommonKernel
import FoundationEssentials

extension ShopifyProductMapper {
    /// The columns whose presence means the file describes variants; a file with none of them
    /// keeps the existing variants.
    private static let variantColumns: [ShopifyColumn] = ShopifyColumn.optionValues + [.variantSKU, .variantPrice]

    /// A row's image before the gallery is sorted by position.
    private typealias PendingImage = (image: ImageDraft, position: Int, record: CSVRecord)

    func mapRows(_ records: [CSVRecord], into base: ProductDraft, optionNames: [String]) -> MappedProduct {
        let describesVariants = Self.variantColumns.contains { header.has($0) }
        let describesImages = header.has(.imageSrc)
        var mapped = MappedProduct(
            draft: base, firstRecord: records[0], variantRecords: [], quantities: [], imageRecords: [],
            describesVariants: describesVariants)
        if describesVariants { mapped.draft.variants = [] }
        if describesImages { mapped.draft.images = [] }

        var images: [PendingImage] = []
        for record in records {
            var parser = ShopifyFieldParsing(header: header, record: record)
            let variant =
                describesVariants ? readVariant(&parser, optionNames: optionNames, existing: base.variants) : nil
            let image = describesImages ? readImage(&parser) : nil
            if let variant { rejectRepeatedCombination(variant.draft, in: mapped, parser: &parser) }
            guard parser.errors.isEmpty else {
                mapped.errors += parser.errors
                continue
            }
            if let variant {
                mapped.draft.variants.append(variant.draft)
                mapped.variantRecords.append(record)
                mapped.quantities.append(variant.quantity)
            }
            if let image { images.append((image.draft, image.position ?? Int.max, record)) }
        }

        if describesVariants { mapped.draft.options = options(named: optionNames, usedBy: mapped.draft.variants) }
        if describesImages { addImages(images, to: &mapped) }
        return mapped
    }

    private func rejectRepeatedCombination(
        _ variant: VariantDraft, in mapped: MappedProduct, parser: inout ShopifyFieldParsing
    ) {
        guard parser.errors.isEmpty,
            let earlier = mapped.draft.variants.firstIndex(where: { $0.optionValues == variant.optionValues })
        else { return }
        let combination = variant.optionValues.joined(separator: " / ")
        let row = mapped.variantRecords[earlier].row
        parser.fail(.option1Value, "repeats the option values \"\(combination)\" of row \(row)")
    }

    /// Builds the options with the values that imported variants use, in order of first use.
    private func options(named names: [String], usedBy variants: [VariantDraft]) -> [ProductOption] {
        names.enumerated().map { index, name in
            var values: [String] = []
            for variant in variants where index < variant.optionValues.count {
                if !values.contains(variant.optionValues[index]) { values.append(variant.optionValues[index]) }
            }
            return ProductOption(name: name, values: values)
        }
    }

    private func addImages(
        _ images: [PendingImage], to mapped: inout MappedProduct
    ) {
        // A stable sort keeps file order among images with equal or missing positions.
        let ordered = images.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
        for (_, entry) in ordered {
            if mapped.draft.images.contains(where: { $0.src == entry.image.src }) {
                mapped.warnings.append(
                    ImportIssue(
                        row: entry.record.row, column: ShopifyColumn.imageSrc.rawValue,
                        message: "repeats an image of this product; the repeat was ignored"))
                continue
            }
            mapped.draft.images.append(entry.image)
            mapped.imageRecords.append(entry.record)
        }
    }

    private func readImage(_ parser: inout ShopifyFieldParsing) -> (draft: ImageDraft, position: Int?)? {
        guard let src = parser.nonEmpty(.imageSrc) else { return nil }
        if let problem = ProductValidator.problem(withImageSource: src) {
            parser.fail(.imageSrc, "\(problem) (got \"\(src)\")")
        }
        let position = parser.integer(.imagePosition).flatMap { $0 > 0 ? $0 : nil }
        return (ImageDraft(src: src, alt: parser.nonEmpty(.imageAltText) ?? ""), position)
    }
}
