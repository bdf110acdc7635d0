import CatalogCore
import CommonKernel
import FoundationEssentials

/// Reads product JSON in Shopify's field names into a draft, collecting every field error.
///
/// A field that is absent keeps the base draft's value, so the same reader serves create
/// (from an empty draft) and PATCH (from the stored product). `variants`, `options` and
/// `images` replace the whole list when present. Fields that the API only writes, such as
/// `id` or `created_at`, are accepted and ignored, so a client may send back what it read.
struct ProductInput {
    let currency: Currency

    /// Returns the draft for a new product; `title` is required.
    func draftForCreate(_ body: [UInt8]) throws -> ProductDraft {
        try read(body, base: ProductDraft(title: ""), existing: nil).draft
    }

    /// Returns the draft of `existing` with the body's fields applied, and the `revision` the
    /// client expects the stored product to have, when it sent one.
    func draftForUpdate(_ body: [UInt8], existing: Product) throws -> (draft: ProductDraft, revision: Int?) {
        try read(body, base: ProductDraft(existing), existing: existing)
    }

    private func read(
        _ body: [UInt8], base: ProductDraft, existing: Product?
    ) throws -> (draft: ProductDraft, revision: Int?) {
        var json = try JSONBody.limited(body)
        var draft = base
        readText(&json, into: &draft, isCreate: existing == nil)
        readFlags(&json, into: &draft)
        if json.contains("options") { draft.options = readOptions(&json) }
        if json.contains("variants") {
            draft.variants = VariantInput(currency: currency).readList(&json, key: "variants", existing: base.variants)
        }
        if json.contains("images") { ImageInput.readList(&json, into: &draft) }
        let revision = json.int("revision", range: 1...Int(Int32.max))
        for ignored in ["id", "created_at", "updated_at", "currency", "image", "available"] {
            _ = json.value(ignored, required: false)
        }
        try json.finish()
        return (draft, revision)
    }

    private func readText(_ json: inout JSONBody, into draft: inout ProductDraft, isCreate: Bool) {
        if let title = json.string("title", required: isCreate, maxLength: 10_000) { draft.title = title }
        if let html = json.string("body_html", maxLength: 1_000_000) { draft.bodyHTML = html }
        let fields: [(String, WritableKeyPath<ProductDraft, String>)] = [
            ("handle", \.handle), ("vendor", \.vendor), ("product_type", \.productType),
            ("product_category", \.productCategory), ("seo_title", \.seoTitle), ("seo_description", \.seoDescription),
        ]
        for (key, path) in fields {
            if let text = json.string(key) { draft[keyPath: path] = text }
        }
        if let tags = Self.readTags(&json) { draft.tags = tags }
    }

    private func readFlags(_ json: inout JSONBody, into draft: inout ProductDraft) {
        if let status = json.string("status") {
            if let value = ProductStatus(rawValue: status) {
                draft.status = value
            } else {
                json.fail("status", "must be one of draft, active, archived (got \"\(status)\")", code: "invalid_choice")
            }
        }
        if let published = json.bool("published") { draft.published = published }
        if let giftCard = json.bool("gift_card") { draft.giftCard = giftCard }
    }

    /// Reads `tags` as Shopify's comma-separated string or as an array of strings. Control
    /// characters are rejected as in every other text field: PostgreSQL cannot store NUL.
    static func readTags(_ json: inout JSONBody) -> [String]? {
        guard let value = json.value("tags", required: false) else { return nil }
        var tags: [String]?
        switch value {
        case .string(let text):
            tags = text.split(separator: ",").map { $0.trimmingWhitespaceAndNewlines() }
        case .array(let items):
            let texts = items.compactMap { item -> String? in if case .string(let text) = item { text } else { nil } }
            if texts.count == items.count { tags = texts }
        default:
            break
        }
        guard let tags else {
            json.fail("tags", "must be a comma-separated string or an array of strings", code: "wrong_type")
            return nil
        }
        if tags.contains(where: { $0.unicodeScalars.contains(where: JSONBody.isForbiddenControl) }) {
            json.fail("tags", "must not contain control characters other than tab and line breaks", code: "control_character")
            return nil
        }
        return tags
    }

    private func readOptions(_ json: inout JSONBody) -> [ProductOption] {
        var options: [ProductOption] = []
        for var element in Self.objects(&json, key: "options") {
            let name = element.string("name", required: true, maxLength: 255) ?? ""
            let values = Self.strings(&element, key: "values", required: true) ?? []
            _ = element.value("position", required: false)
            _ = element.value("id", required: false)
            json.merge(element)
            options.append(ProductOption(name: name, values: values))
        }
        return options
    }

    /// Returns a nested reader for each element of the array at `key`, recording an error for
    /// a value that is not an array of objects.
    static func objects(_ json: inout JSONBody, key: String) -> [JSONBody] {
        guard let value = json.value(key, required: false) else { return [] }
        guard case .array(let items) = value else {
            json.fail(key, "must be an array, not \(value.typeName)", code: "wrong_type")
            return []
        }
        var readers: [JSONBody] = []
        for (index, item) in items.enumerated() {
            guard case .object(let members) = item else {
                json.fail("\(key)[\(index)]", "must be an object, not \(item.typeName)", code: "wrong_type")
                continue
            }
            readers.append(JSONBody(members: members, prefix: "\(key)[\(index)]"))
        }
        return readers
    }

    /// Reads an array of strings, recording an error for any other value.
    static func strings(_ json: inout JSONBody, key: String, required: Bool = false) -> [String]? {
        guard let value = json.value(key, required: required) else { return nil }
        if case .array(let items) = value {
            let texts = items.compactMap { item -> String? in if case .string(let text) = item { text } else { nil } }
            if texts.count == items.count { return texts }
        }
        json.fail(key, "must be an array of strings", code: "wrong_type")
        return nil
    }
}
