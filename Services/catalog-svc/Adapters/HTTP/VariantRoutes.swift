import CatalogCore
import CommonKernel
import FoundationEssentials

/// `/api/v1/products/{id}/variants` and `/api/v1/products/{id}/variants/{variant_id}`.
///
/// Each write edits the product through `UpdateProduct` against the revision it read, so an
/// edit that lands in between fails with 409 instead of being lost. A new variant's option
/// values that its product's options lack are added to those options, as Shopify does.
struct VariantRoutes {
    let products: any ProductRepository

    func install(into router: inout Router) {
        router.get("/api/v1/products/{id}/variants") { request, context in
            let (product, audience) = try ProductEdit.read(request, context, products: products)
            var writer = JSONWriter(capacity: 1024 * product.variants.count)
            writer.object { json in
                json.key("data")
                json.array(product.variants) { json, variant in
                    ProductJSON.write(variant, of: product, for: audience, into: &json)
                }
            }
            return .jsonBytes(writer.bytes)
        }
        router.get("/api/v1/products/{id}/variants/{variant_id}") { request, context in
            let (product, audience) = try ProductEdit.read(request, context, products: products)
            let variant = try Self.variant(request, of: product)
            var writer = JSONWriter()
            ProductJSON.write(variant, of: product, for: audience, into: &writer)
            return .jsonBytes(writer.bytes)
        }
        router.post("/api/v1/products/{id}/variants") { request, context in
            let edit = try ProductEdit.start(request, context, products: products)
            var json = try JSONBody.limited(request.body)
            let variant = VariantInput(currency: edit.currency).read(&json, base: nil)
            try json.finish()
            var draft = edit.draft
            try Self.addOptionValues(of: variant, to: &draft)
            draft.variants.append(variant)

            let stored = try Self.save(draft, variantAt: draft.variants.count - 1, edit: edit)
            let known = Set(edit.product.variants.map(\.id))
            guard let created = stored.variants.last(where: { !known.contains($0.id) }) else {
                throw AppError(.internal, code: "variant.not_stored", detail: "The new variant was not stored.")
            }
            return .created(
                Self.body(created, of: stored),
                location: "/api/v1/products/\(stored.id.lowercasedString)/variants/\(created.id.lowercasedString)")
        }
        router.patch("/api/v1/products/{id}/variants/{variant_id}") { request, context in
            let edit = try ProductEdit.start(request, context, products: products)
            let id = try Self.variant(request, of: edit.product).id
            var draft = edit.draft
            let index = draft.variants.firstIndex { $0.id == id }!
            var json = try JSONBody.limited(request.body)
            draft.variants[index] = VariantInput(currency: edit.currency).read(&json, base: draft.variants[index])
            _ = json.value("id", required: false)
            try json.finish()

            let stored = try Self.save(draft, variantAt: index, edit: edit)
            return .jsonBytes(Self.body(stored.variant(id: id)!, of: stored))
        }
        router.delete("/api/v1/products/{id}/variants/{variant_id}") { request, context in
            let edit = try ProductEdit.start(request, context, products: products)
            let id = try Self.variant(request, of: edit.product).id
            var draft = edit.draft
            draft.variants.removeAll { $0.id == id }
            _ = try edit.save(draft)
            return .noContent()
        }
    }

    /// Saves the draft, naming field errors about the body's variant `price`, `option1` and so
    /// on. An error about its option values as a whole, such as a repeated combination, is named
    /// `option1`, also when the validator blames the other variant with those values.
    private static func save(_ draft: ProductDraft, variantAt index: Int, edit: ProductEdit) throws -> Product {
        let values = draft.variants[index].optionValues
        let equivalents = draft.variants.indices.filter { $0 != index && draft.variants[$0].optionValues == values }
        return try edit.save(
            draft, body: "variants[\(index)]", equivalents: equivalents.map { "variants[\($0)]" },
            wholeBodyField: "option1")
    }

    private static func variant(_ request: HTTPRequest, of product: Product) throws -> Variant {
        let id = try request.uuidParameter("variant_id", resource: "Variant")
        guard let variant = product.variant(id: id) else { throw CatalogError.variantNotFound(id) }
        return variant
    }

    /// Adds the variant's option values that the draft's options lack. A product without real
    /// options has only Shopify's "Title" option, which takes no values of its own.
    private static func addOptionValues(of variant: VariantDraft, to draft: inout ProductDraft) throws {
        let hasRealOptions = !(draft.options.isEmpty || draft.options == [ProductOption.defaultTitle])
        for (index, value) in variant.optionValues.enumerated() where index < draft.options.count {
            guard !draft.options[index].values.contains(value) else { continue }
            guard hasRealOptions else {
                throw AppError.invalidField(
                    "option\(index + 1)",
                    "\"\(value)\" needs a product option; add options to the product before adding variants",
                    code: "no_options")
            }
            draft.options[index].values.append(value)
        }
    }

    private static func body(_ variant: Variant, of product: Product) -> [UInt8] {
        var writer = JSONWriter()
        ProductJSON.write(variant, of: product, for: .staff, into: &writer)
        return writer.bytes
    }
}
