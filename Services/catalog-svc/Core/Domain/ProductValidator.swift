import CommonKernel
import FoundationEssentials

/// Checks a product against the catalog's rules and reports every problem at once.
public struct ProductValidator: Sendable {
    public static let maximumTitleLength = 255
    public static let maximumOptions = 3
    public static let maximumVariants = 2048
    public static let maximumImages = 250
    public static let maximumBodyHTMLBytes = 512 * 1024
    public static let maximumShortTextLength = 255

    /// The tenant's currency; every price must be in it.
    public let currency: Currency

    public init(currency: Currency) {
        self.currency = currency
    }

    /// Validates `product`, naming each problem by its API path.
    ///
    /// Errors reject an empty or long title, a bad handle, more than three options, and empty or
    /// repeated option names and values. They also reject a product without variants, a variant
    /// value that is not among its option's values, repeated value combinations, negative or
    /// foreign-currency prices, and bad image URLs or variant links. Warnings report repeated
    /// SKUs within the product and a compare-at price that is not above the price.
    public func validate(_ product: Product) -> ValidationReport {
        var report = ValidationReport()
        validateText(product, into: &report)
        validateOptions(product.options, into: &report)
        validateVariants(product, into: &report)
        validateImages(product, into: &report)
        return report
    }

    private func validateText(_ product: Product, into report: inout ValidationReport) {
        if product.title.trimmingWhitespaceAndNewlines().isEmpty {
            report.error("title", "must not be empty", code: "empty")
        } else if product.title.count > Self.maximumTitleLength {
            report.error("title", "must be at most \(Self.maximumTitleLength) characters", code: "too_long")
        }
        if product.handle.isEmpty, !product.title.trimmingWhitespaceAndNewlines().isEmpty {
            // Only a title without letters or digits leaves the derived handle empty.
            report.error(
                "handle", "must not be empty: the title has no letter or digit to derive one from, so send a handle",
                code: "invalid_handle")
        } else if let problem = Handle.problem(with: product.handle) {
            report.error("handle", "\(problem) (got \"\(product.handle)\")", code: "invalid_handle")
        }
        if product.bodyHTML.utf8.count > Self.maximumBodyHTMLBytes {
            report.error("body_html", "must be at most \(Self.maximumBodyHTMLBytes) bytes", code: "too_long")
        }
        let shortTexts = [
            ("vendor", product.vendor), ("product_type", product.productType),
            ("seo_title", product.seoTitle), ("product_category", product.productCategory),
        ]
        for (field, text) in shortTexts where text.count > Self.maximumShortTextLength {
            report.error(field, "must be at most \(Self.maximumShortTextLength) characters", code: "too_long")
        }
        for (index, tag) in product.tags.enumerated() where tag.isEmpty || tag.utf8.contains(UInt8(ascii: ",")) {
            report.error("tags[\(index)]", "must be non-empty and contain no comma (got \"\(tag)\")")
        }
    }

    private func validateOptions(_ options: [ProductOption], into report: inout ValidationReport) {
        if options.isEmpty { report.error("options", "must contain at least one option", code: "missing") }
        if options.count > Self.maximumOptions {
            report.error(
                "options", "must have at most \(Self.maximumOptions) options, not \(options.count)", code: "too_many")
        }
        var names: Set<String> = []
        for (index, option) in options.enumerated() {
            let path = "options[\(index)]"
            if option.name.trimmingWhitespace().isEmpty {
                report.error("\(path).name", "must not be empty", code: "empty")
            } else if !names.insert(option.name.lowercased()).inserted {
                report.error("\(path).name", "repeats the option name \"\(option.name)\"", code: "duplicate")
            }
            if option.values.isEmpty {
                report.error("\(path).values", "must contain at least one value", code: "missing")
            }
            var values: Set<String> = []
            for (valueIndex, value) in option.values.enumerated() {
                if value.isEmpty { report.error("\(path).values[\(valueIndex)]", "must not be empty", code: "empty") }
                if !values.insert(value).inserted {
                    report.error("\(path).values[\(valueIndex)]", "repeats the value \"\(value)\"", code: "duplicate")
                }
            }
        }
    }
}
