import CatalogCore
import CommonKernel
import FoundationEssentials

/// Reads variant JSON in Shopify's field names, on top of an existing variant's draft or a new one.
struct VariantInput {
    let currency: Currency

    /// Reads the array at `key`. An element with the `id` of an existing variant updates that
    /// variant's draft; an element without `id` is a new variant and needs a `price`.
    func readList(_ json: inout JSONBody, key: String, existing: [VariantDraft]) -> [VariantDraft] {
        var drafts: [VariantDraft] = []
        for var element in ProductInput.objects(&json, key: key) {
            let base = baseDraft(&element, existing: existing)
            drafts.append(read(&element, base: base))
            json.merge(element)
        }
        return drafts
    }

    /// Returns the existing draft that the element's `id` names, recording an error for an
    /// unknown id, or nil for a new variant.
    func baseDraft(_ element: inout JSONBody, existing: [VariantDraft]) -> VariantDraft? {
        guard let id = element.uuid("id") else { return nil }
        guard let match = existing.first(where: { $0.id == id }) else {
            element.fail("id", "is not a variant of this product; leave it out to add a new variant", code: "unknown_variant")
            return nil
        }
        return match
    }

    /// Applies the element's fields to `base`, or to a new draft when `base` is nil.
    func read(_ json: inout JSONBody, base: VariantDraft?) -> VariantDraft {
        var draft = base ?? VariantDraft(price: .zero(currency))
        if let price = json.money("price", currency: currency, required: base == nil) { draft.price = price }
        if json.contains("compare_at_price") {
            draft.compareAtPrice = json.money("compare_at_price", currency: currency)
        }
        if json.contains("cost_per_item") { draft.costPerItem = json.money("cost_per_item", currency: currency) }
        draft.optionValues = readOptionValues(&json, current: draft.optionValues)
        readStock(&json, into: &draft)
        readShipping(&json, into: &draft)
        for ignored in ["product_id", "title", "currency", "available", "image_id", "position"] {
            _ = json.value(ignored, required: false)
        }
        return draft
    }

    /// Sets `option1` to `option3` where given; null clears a value. Trailing empty values are dropped.
    private func readOptionValues(_ json: inout JSONBody, current: [String]) -> [String] {
        var values = current
        for index in 0..<3 where json.contains("option\(index + 1)") {
            let value = json.string("option\(index + 1)", maxLength: 255) ?? ""
            while values.count <= index { values.append("") }
            values[index] = value
        }
        while values.last == "" { values.removeLast() }
        return values
    }

    private func readStock(_ json: inout JSONBody, into draft: inout VariantDraft) {
        for (key, path) in [("sku", \VariantDraft.sku), ("barcode", \.barcode), ("tax_code", \.taxCode)] {
            if let text = json.string(key, maxLength: 1_000) { draft[keyPath: path] = text }
        }
        if let quantity = json.int("inventory_quantity", range: -1_000_000_000...1_000_000_000) {
            draft.inventoryQuantity = quantity
        }
        if let policy = json.string("inventory_policy") {
            if let value = InventoryPolicy(rawValue: policy) {
                draft.inventoryPolicy = value
            } else {
                json.fail("inventory_policy", "must be deny or continue (got \"\(policy)\")", code: "invalid_choice")
            }
        }
        if json.contains("inventory_management") {
            let management = json.string("inventory_management")
            if management == nil || management == "shopify" {
                draft.tracksInventory = management != nil
            } else {
                json.fail(
                    "inventory_management", "must be \"shopify\" to count stock, or null not to",
                    code: "invalid_choice")
            }
        }
        if let taxable = json.bool("taxable") { draft.taxable = taxable }
    }

    private func readShipping(_ json: inout JSONBody, into draft: inout VariantDraft) {
        if let requiresShipping = json.bool("requires_shipping") { draft.requiresShipping = requiresShipping }
        if let value = json.value("grams", required: false) {
            if case .number(let grams) = value, grams >= 0, grams < 1e12 {
                draft.weight.milligrams = Int64((grams * 1000).rounded())
            } else {
                json.fail("grams", "must be a number of grams of at least 0, such as 145 or 226.8", code: "invalid")
            }
        }
        if let unit = json.string("weight_unit") {
            if let value = WeightUnit(rawValue: unit) {
                draft.weight.unit = value
            } else {
                json.fail("weight_unit", "must be one of g, kg, lb, oz (got \"\(unit)\")", code: "invalid_choice")
            }
        }
    }
}
