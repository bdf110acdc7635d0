import CatalogCore
import CommonKernel
import FoundationEssentials

/// `/api/v1/products/{id}/images` and `/api/v1/products/{id}/images/{image_id}`.
///
/// An image's `position` places it in the gallery (1 is first), and its `variant_ids` are the
/// variants that show it. Writes save the product against the revision they read, like
/// `VariantRoutes`.
struct ImageRoutes {
    let products: any ProductRepository

    func install(into router: inout Router) {
        router.get("/api/v1/products/{id}/images") { request, context in
            let (product, _) = try ProductEdit.read(request, context, products: products)
            var writer = JSONWriter(capacity: 512 * product.images.count)
            writer.object { json in
                json.key("data")
                json.array(product.images) { json, image in ProductJSON.write(image, of: product, into: &json) }
            }
            return .jsonBytes(writer.bytes)
        }
        router.get("/api/v1/products/{id}/images/{image_id}") { request, context in
            let (product, _) = try ProductEdit.read(request, context, products: products)
            return .jsonBytes(Self.body(try Self.image(request, of: product), of: product))
        }
        router.post("/api/v1/products/{id}/images") { request, context in
            let edit = try ProductEdit.start(request, context, products: products)
            var json = try JSONBody.limited(request.body)
            let entry = ImageInput.read(&json, base: nil)
            var draft = edit.draft
            let index = Self.place(entry, at: nil, in: &draft, json: &json)
            try json.finish()

            let stored = try Self.save(draft, imageAt: index, edit: edit)
            guard let created = stored.images.first(where: { $0.src == entry.image.src }) else {
                throw AppError(.internal, code: "image.not_stored", detail: "The new image was not stored.")
            }
            return .created(
                Self.body(created, of: stored),
                location: "/api/v1/products/\(stored.id.lowercasedString)/images/\(created.id.lowercasedString)")
        }
        router.patch("/api/v1/products/{id}/images/{image_id}") { request, context in
            let edit = try ProductEdit.start(request, context, products: products)
            let old = try Self.image(request, of: edit.product)
            var draft = edit.draft
            let index = draft.images.firstIndex { $0.id == old.id }!
            var json = try JSONBody.limited(request.body)
            var entry = ImageInput.read(&json, base: draft.images[index])
            if entry.variantIDs == nil {
                entry.variantIDs = old.variantIDs
            }
            let placed = Self.place(entry, at: index, in: &draft, json: &json)
            try json.finish()

            let stored = try Self.save(draft, imageAt: placed, edit: edit)
            guard let image = stored.images.first(where: { $0.id == old.id }) else {
                throw AppError(.internal, code: "image.not_stored", detail: "The edited image was not stored.")
            }
            return .jsonBytes(Self.body(image, of: stored))
        }
        router.delete("/api/v1/products/{id}/images/{image_id}") { request, context in
            let edit = try ProductEdit.start(request, context, products: products)
            let old = try Self.image(request, of: edit.product)
            var draft = edit.draft
            draft.images.removeAll { $0.src == old.src }
            Self.unlink(old.src, in: &draft)
            _ = try edit.save(draft)
            return .noContent()
        }
    }

    /// Puts the image at its position, replacing the gallery entry at `index` when editing, and
    /// makes the variants it names, and only those, show it. Without a position, an edited image
    /// keeps its place and a new one goes last. Returns the image's gallery index.
    private static func place(
        _ entry: ImageInput.Entry, at index: Int?, in draft: inout ProductDraft, json: inout JSONBody
    ) -> Int {
        var gallery = draft.images
        if let index {
            unlink(gallery[index].src, in: &draft)
            gallery.remove(at: index)
        }
        let requested = entry.position.map { $0 - 1 } ?? index ?? gallery.count
        let position = min(max(requested, 0), gallery.count)
        gallery.insert(entry.image, at: position)
        draft.images = gallery
        ImageInput.link(entry, path: "variant_ids", in: &draft, json: &json)
        return position
    }

    /// Saves the draft, naming field errors about the body's image `src`, `alt` and so on, also
    /// when the validator blames another image with the same `src` for the repeat.
    private static func save(_ draft: ProductDraft, imageAt index: Int, edit: ProductEdit) throws -> Product {
        let src = draft.images[index].src
        let equivalents = draft.images.indices.filter { $0 != index && draft.images[$0].src == src }
        return try edit.save(
            draft, body: "images[\(index)]", equivalents: equivalents.map { "images[\($0)]" }, wholeBodyField: "src")
    }

    private static func unlink(_ src: String, in draft: inout ProductDraft) {
        for index in draft.variants.indices where draft.variants[index].imageSrc == src {
            draft.variants[index].imageSrc = nil
        }
    }

    private static func image(_ request: HTTPRequest, of product: Product) throws -> ProductImage {
        let id = try request.uuidParameter("image_id", resource: "Image")
        guard let image = product.images.first(where: { $0.id == id }) else {
            throw AppError.notFound("Image \(id.lowercasedString)", code: "image.not_found")
        }
        return image
    }

    private static func body(_ image: ProductImage, of product: Product) -> [UInt8] {
        var writer = JSONWriter()
        ProductJSON.write(image, of: product, into: &writer)
        return writer.bytes
    }
}
