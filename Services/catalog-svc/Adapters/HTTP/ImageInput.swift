import CatalogCore
import CommonKernel
import FoundationEssentials

/// Reads image JSON (`src`, `alt`, `position`, `variant_ids`) into a draft's gallery.
enum ImageInput {
    /// An image read from JSON, before the gallery is ordered by position.
    struct Entry {
        var image: ImageDraft
        var position: Int?
        var variantIDs: [UUID]?
    }

    /// Replaces the draft's gallery with the array at `images`, ordered by `position` (then by
    /// order in the array), and links each image to the variants that its `variant_ids` list.
    static func readList(_ json: inout JSONBody, into draft: inout ProductDraft) {
        var entries: [Entry] = []
        for var element in ProductInput.objects(&json, key: "images") {
            entries.append(read(&element, base: nil))
            json.merge(element)
        }
        let ordered = entries.enumerated().sorted {
            ($0.element.position ?? Int.max, $0.offset) < ($1.element.position ?? Int.max, $1.offset)
        }
        draft.images = ordered.map(\.element.image)
        // The links come from the images now, so links to images that were left out go too.
        for index in draft.variants.indices { draft.variants[index].imageSrc = nil }
        for (offset, entry) in entries.enumerated() {
            link(entry, path: "images[\(offset)].variant_ids", in: &draft, json: &json)
        }
    }

    /// Reads one image object, applying its fields to `base` when given.
    static func read(_ json: inout JSONBody, base: ImageDraft?) -> Entry {
        var image = base ?? ImageDraft(src: "")
        if let src = json.string("src", required: base == nil, maxLength: 4_096) { image.src = src }
        if let alt = json.string("alt", maxLength: 4_096) { image.alt = alt }
        let position = json.int("position", range: 1...10_000)
        let variantIDs = ProductInput.strings(&json, key: "variant_ids")
        var ids: [UUID]?
        if let variantIDs {
            ids = variantIDs.compactMap(UUID.init(uuidString:))
            if ids?.count != variantIDs.count { json.fail("variant_ids", "must contain variant ids (UUIDs)") }
        }
        for ignored in ["id", "product_id", "created_at", "updated_at"] { _ = json.value(ignored, required: false) }
        return Entry(image: image, position: position, variantIDs: ids)
    }

    /// Points the variants that `entry` names at its image, recording an error for an id that
    /// is not a variant of the draft.
    static func link(_ entry: Entry, path: String, in draft: inout ProductDraft, json: inout JSONBody) {
        for id in entry.variantIDs ?? [] {
            guard let index = draft.variants.firstIndex(where: { $0.id == id }) else {
                json.fail(path, "refers to \(id.lowercasedString), which is not a variant of this product",
                          code: "unknown_variant")
                continue
            }
            draft.variants[index].imageSrc = entry.image.src
        }
    }
}
