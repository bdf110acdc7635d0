import CatalogCore
import CommonKernel
import FoundationEssentials

/// Reads collection JSON (`title`, `handle`, `body_html`, `product_ids`) into a collection,
/// checking every field before anything is stored.
struct CollectionInput {
    let products: any ProductRepository
    let tenant: TenantRecord

    /// Applies the body's fields to `group`; `title` is required on create, and an empty
    /// handle is derived from the title. Throws `invalidInput` listing every bad field.
    func apply(_ body: [UInt8], to group: inout Collection, isCreate: Bool) throws {
        var json = try JSONBody.limited(body)
        if let title = json.nonEmptyString("title", required: isCreate, maxLength: ProductValidator.maximumTitleLength) {
            group.title = title
        }
        if let handle = json.string("handle", maxLength: Handle.maximumLength + 1) { group.handle = Handle.composed(handle) }
        if group.handle.isEmpty { group.handle = Handle.derive(from: group.title) }
        if let problem = Handle.problem(with: group.handle), json.errors.isEmpty {
            json.fail("handle", "\(problem) (got \"\(group.handle)\")", code: "invalid_handle")
        }
        if let html = json.string("body_html", maxLength: ProductValidator.maximumBodyHTMLBytes) { group.bodyHTML = html }
        if let ids = ProductInput.strings(&json, key: "product_ids") {
            group.productIDs = try productIDs(ids, json: &json)
        }
        for ignored in ["id", "kind", "products_count", "created_at", "updated_at"] {
            _ = json.value(ignored, required: false)
        }
        try json.finish()
    }

    /// Returns the ids in order, recording an error for each one that is not a UUID of a live
    /// product of the shop, or that repeats an earlier one.
    private func productIDs(_ texts: [String], json: inout JSONBody) throws -> [UUID] {
        var ids: [UUID] = []
        for (index, text) in texts.enumerated() {
            let field = "product_ids[\(index)]"
            guard let id = UUID(uuidString: text) else {
                json.fail(field, "must be a product id (a UUID), not \"\(text)\"", code: "invalid_format")
                continue
            }
            if ids.contains(id) {
                json.fail(field, "repeats the product \(id.lowercasedString)", code: "duplicate")
            } else if try products.find(id: id, tenantID: tenant.id) == nil {
                json.fail(field, "refers to \(id.lowercasedString), which is not a product of this shop",
                          code: "unknown_product")
            }
            ids.append(id)
        }
        return ids
    }
}
