import CommonKernel
import FoundationEssentials

extension ProductValidator {
    func validateVariants(_ product: Product, into report: inout ValidationReport) {
        if product.variants.isEmpty { report.error("variants", "must contain at least one variant", code: "missing") }
        if product.variants.count > Self.maximumVariants {
            report.error("variants", "must have at most \(Self.maximumVariants) variants", code: "too_many")
        }
        var combinations: [[String]: Int] = [:]
        var skus: [String: Int] = [:]
        for (index, variant) in product.variants.enumerated() {
            let path = "variants[\(index)]"
            validateOptionValues(variant, path: path, options: product.options, into: &report)
            if let first = combinations[variant.optionValues] {
                let values = variant.optionValues.joined(separator: " / ")
                report.error(
                    path, "repeats the option values \"\(values)\" of variants[\(first)]", code: "duplicate_variant")
            } else {
                combinations[variant.optionValues] = index
            }
            if !variant.sku.isEmpty, let first = skus[variant.sku] {
                report.warning(
                    "\(path).sku", "repeats the SKU \"\(variant.sku)\" of variants[\(first)]", code: "duplicate_sku")
            } else if !variant.sku.isEmpty {
                skus[variant.sku] = index
            }
            validatePrices(variant, path: path, into: &report)
            validateCodes(variant, path: path, into: &report)
        }
    }

    private func validateOptionValues(
        _ variant: Variant, path: String, options: [ProductOption], into report: inout ValidationReport
    ) {
        if variant.optionValues.count != options.count {
            report.error(
                path,
                "must have \(options.count) option values, one per product option, not \(variant.optionValues.count)",
                code: "option_count")
        }
        for (index, value) in variant.optionValues.enumerated() where index < options.count {
            let option = options[index]
            if !option.values.contains(value) {
                let allowed = option.values.map { "\"\($0)\"" }.joined(separator: ", ")
                report.error(
                    "\(path).option\(index + 1)",
                    "\"\(value)\" is not a value of option \"\(option.name)\"; expected one of \(allowed)",
                    code: "unknown_option_value")
            }
        }
    }

    private func validatePrices(_ variant: Variant, path: String, into report: inout ValidationReport) {
        let prices = [
            ("price", variant.price), ("compare_at_price", variant.compareAtPrice),
            ("cost_per_item", variant.costPerItem),
        ]
        for case (let field, let money?) in prices {
            if money.currency != currency {
                report.error(
                    "\(path).\(field)", "must be in the shop's currency \(currency.code), not \(money.currency.code)",
                    code: "wrong_currency")
            } else if money.isNegative {
                report.error("\(path).\(field)", "must not be negative (got \"\(money.formatted)\")", code: "negative")
            }
        }
        if let compareAt = variant.compareAtPrice, compareAt.currency == variant.price.currency,
            compareAt.minorUnits <= variant.price.minorUnits
        {
            report.warning(
                "\(path).compare_at_price",
                "is not above the price \(variant.price.formatted), so no discount is shown",
                code: "compare_at_not_above_price")
        }
    }

    private func validateCodes(_ variant: Variant, path: String, into report: inout ValidationReport) {
        let codes = [("sku", variant.sku), ("barcode", variant.barcode), ("tax_code", variant.taxCode)]
        for (field, text) in codes where text.count > Self.maximumShortTextLength {
            report.error(
                "\(path).\(field)", "must be at most \(Self.maximumShortTextLength) characters", code: "too_long")
        }
        if variant.weight.milligrams < 0 {
            report.error("\(path).grams", "must not be negative", code: "negative")
        }
    }

    func validateImages(_ product: Product, into report: inout ValidationReport) {
        if product.images.count > Self.maximumImages {
            report.error("images", "must have at most \(Self.maximumImages) images", code: "too_many")
        }
        let variantIDs = Set(product.variants.map(\.id))
        var sources: Set<String> = []
        for (index, image) in product.images.enumerated() {
            let path = "images[\(index)]"
            if let problem = Self.problem(withImageSource: image.src) {
                report.error("\(path).src", "\(problem) (got \"\(image.src)\")", code: "invalid_url")
            } else if !sources.insert(image.src).inserted {
                report.error("\(path).src", "repeats the image \"\(image.src)\"", code: "duplicate")
            }
            if image.alt.count > 512 { report.error("\(path).alt", "must be at most 512 characters", code: "too_long") }
            for id in image.variantIDs where !variantIDs.contains(id) {
                report.error(
                    "\(path).variant_ids",
                    "refers to \(id.lowercasedString), which is not a variant of this product",
                    code: "unknown_variant")
            }
        }
    }

    /// The reason `src` is not an acceptable image URL, or nil: it must be an absolute http(s)
    /// URL with a host, or a path on the shop's host starting with "/".
    static func problem(withImageSource src: String) -> String? {
        if src.isEmpty { return "must not be empty" }
        if src.count > 2048 { return "must be at most 2048 characters" }
        if src.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            return "must not contain spaces or control characters"
        }
        if src.hasPrefix("/") && !src.hasPrefix("//") { return nil }
        guard let url = URL(string: src), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else {
            return "must be an http(s) URL or a path starting with \"/\""
        }
        return nil
    }
}
