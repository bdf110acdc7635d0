import CommonKernel
import Foundation

extension ShopifyProductMapper {
    /// The columns whose presence means the file describes variants; a file with none of them
    /// keeps the existing variants.
    private static let variantColumns: [ShopifyColumn] = ShopifyColumn.optionValues + [.variantSKU, .variantPrice]

    func mapRows(_ records: [CSVRecord], into base: ProductDraft, optionNames: [String]) -> MappedProduct {
        let describesVariants = Self.variantColumns.contains { header.has($0) }
        var mapped = MappedProduct(
            draft: base, firstRecord: records[0], variantRecords: [], quantities: [], imageRecords: [],
            describesVariants: describesVariants)
        let describesImages = header.has(.imageSrc)
        if describesVariants { mapped.draft.variants = [] }
        if describesImages { mapped.draft.images = [] }

        var values = Array(repeating: [String](), count: optionNames.count)
        var images: [(image: ImageDraft, position: Int, record: CSVRecord)] = []
        for record in records {
            var parser = ShopifyFieldParsing(header: header, record: record)
            let variant = describesVariants ? readVariant(&parser, optionNames: optionNames, existing: base.variants) : nil
            let image = describesImages ? readImage(&parser) : nil
            if let variant, parser.errors.isEmpty,
                let earlier = mapped.draft.variants.firstIndex(where: { $0.optionValues == variant.draft.optionValues })
            {
                let combination = variant.draft.optionValues.joined(separator: " / ")
                parser.fail(.option1Value, "repeats the option values \"\(combination)\" of row \(mapped.variantRecords[earlier].row)")
            }
            guard parser.errors.isEmpty else {
                mapped.errors += parser.errors
                continue
            }

            if let variant {
                mapped.draft.variants.append(variant.draft)
                mapped.variantRecords.append(record)
                mapped.quantities.append(variant.quantity)
                for (index, value) in variant.draft.optionValues.enumerated() where index < values.count && !values[index].contains(value) {
                    values[index].append(value)
                }
            }
            if let image { images.append((image.draft, image.position ?? Int.max, record)) }
        }

        if describesVariants {
            mapped.draft.options = zip(optionNames, values).map { ProductOption(name: $0, values: $1) }
        }
        if describesImages { addImages(images, to: &mapped) }
        return mapped
    }

    private func addImages(_ images: [(image: ImageDraft, position: Int, record: CSVRecord)], to mapped: inout MappedProduct) {
        // A stable sort keeps file order among images with equal or missing positions.
        let ordered = images.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
        for (_, entry) in ordered {
            if mapped.draft.images.contains(where: { $0.src == entry.image.src }) {
                mapped.warnings.append(ImportIssue(
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
