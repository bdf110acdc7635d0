import CommonKernel
import FoundationEssentials

extension ProductDraft {
    /// True when the product's handle comes from its title, because the draft names none.
    public var derivesHandle: Bool {
        handle.trimmingWhitespaceAndNewlines().isEmpty
    }

    /// Builds the product this draft describes, keeping the ids of `existing` where they match.
    ///
    /// Text is trimmed and an empty handle is derived from the title. Empty and repeated tags are
    /// dropped. A draft without options gets the "Title" / "Default Title" option, and one
    /// without options or variants also gets a single variant priced zero. Variants and images
    /// are numbered from 1, and variant images missing from the gallery are appended to it.
    /// A variant keeps the id of the existing variant with the same id or, failing that, the
    /// same option values. An image keeps the id of the existing image that its draft names or,
    /// failing that, of the existing image with the same `src`.
    public func makeProduct(tenantID: UUID, currency: Currency, existing: Product?, now: Date) -> Product {
        let title = self.title.trimmingWhitespaceAndNewlines()
        let trimmedHandle = Handle.composed(handle.trimmingWhitespaceAndNewlines())
        let (options, variantDrafts) = normalizedOptionsAndVariants(currency: currency)
        let variants = makeVariants(variantDrafts, existing: existing)
        let images = makeImages(variantDrafts: variantDrafts, variants: variants, existing: existing)

        return Product(
            id: existing?.id ?? UUID(), tenantID: tenantID,
            handle: derivesHandle ? Handle.derive(from: title) : trimmedHandle,
            title: title, bodyHTML: bodyHTML, vendor: vendor.trimmingWhitespaceAndNewlines(),
            productType: productType.trimmingWhitespaceAndNewlines(),
            productCategory: productCategory.trimmingWhitespaceAndNewlines(), tags: normalizedTags,
            status: status, published: published, giftCard: giftCard, seoTitle: seoTitle,
            seoDescription: seoDescription, options: options, variants: variants, images: images,
            revision: existing?.revision ?? 1, createdAt: existing?.createdAt ?? now, updatedAt: now)
    }

    private var normalizedTags: [String] {
        var seen: Set<String> = []
        return tags.map { $0.trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private func normalizedOptionsAndVariants(currency: Currency) -> ([ProductOption], [VariantDraft]) {
        guard options.isEmpty else { return (options, variants) }
        guard !variants.isEmpty else {
            let variant = VariantDraft(optionValues: [ProductOption.defaultTitleValue], price: .zero(currency))
            return ([.defaultTitle], [variant])
        }
        // Without options, variants that name no values become the "Default Title" variant;
        // ones that do name values are kept as they are for the validator to reject.
        let variants = variants.map { draft in
            var draft = draft
            if draft.optionValues.isEmpty { draft.optionValues = [ProductOption.defaultTitleValue] }
            return draft
        }
        return ([.defaultTitle], variants)
    }

    private func makeVariants(_ drafts: [VariantDraft], existing: Product?) -> [Variant] {
        var unclaimed = existing?.variants ?? []
        return drafts.enumerated().map { offset, draft in
            let match =
                unclaimed.firstIndex { $0.id == draft.id }
                ?? (draft.id == nil ? unclaimed.firstIndex { $0.optionValues == draft.optionValues } : nil)
            let id = match.map { unclaimed.remove(at: $0).id } ?? UUID()
            return Variant(
                id: id, sku: draft.sku.trimmingWhitespaceAndNewlines(), optionValues: draft.optionValues,
                price: draft.price, compareAtPrice: draft.compareAtPrice, costPerItem: draft.costPerItem,
                weight: draft.weight, barcode: draft.barcode, taxable: draft.taxable, taxCode: draft.taxCode,
                requiresShipping: draft.requiresShipping, tracksInventory: draft.tracksInventory,
                inventoryPolicy: draft.inventoryPolicy, inventoryQuantity: draft.inventoryQuantity, position: offset + 1
            )
        }
    }

    private func makeImages(variantDrafts: [VariantDraft], variants: [Variant], existing: Product?) -> [ProductImage] {
        var gallery = images
        for draft in variantDrafts {
            if let src = draft.imageSrc, !src.isEmpty, !gallery.contains(where: { $0.src == src }) {
                gallery.append(ImageDraft(src: src))
            }
        }
        let ids = imageIDs(gallery, existing: existing)
        return gallery.enumerated().map { offset, image in
            let linked = zip(variantDrafts, variants).filter { $0.0.imageSrc == image.src }.map { $0.1.id }
            return ProductImage(
                id: ids[offset], src: image.src, position: offset + 1, alt: image.alt, variantIDs: linked)
        }
    }

    /// Returns the id of each gallery entry. Entries that name an existing image claim it first,
    /// so that an entry matched by `src` cannot take the id of an image whose `src` was changed.
    private func imageIDs(_ gallery: [ImageDraft], existing: Product?) -> [UUID] {
        var unclaimed = existing?.images ?? []
        var ids: [UUID?] = gallery.map { image in
            guard let id = image.id, let match = unclaimed.firstIndex(where: { $0.id == id }) else { return nil }
            return unclaimed.remove(at: match).id
        }
        for offset in gallery.indices where ids[offset] == nil {
            if let match = unclaimed.firstIndex(where: { $0.src == gallery[offset].src }) {
                ids[offset] = unclaimed.remove(at: match).id
            }
        }
        return ids.map { $0 ?? UUID() }
    }
}

extension ProductDraft {
    /// The draft that `makeProduct` turns back into `product`, for edits that change a few fields.
    public init(_ product: Product) {
        let imageOfVariant = { (variant: Variant) in product.images.first { $0.variantIDs.contains(variant.id) }?.src }
        self.init(
            handle: product.handle, title: product.title, bodyHTML: product.bodyHTML, vendor: product.vendor,
            productType: product.productType, productCategory: product.productCategory, tags: product.tags,
            status: product.status, published: product.published, giftCard: product.giftCard,
            seoTitle: product.seoTitle, seoDescription: product.seoDescription, options: product.options,
            variants: product.variants.map { variant in
                VariantDraft(
                    id: variant.id, sku: variant.sku, optionValues: variant.optionValues, price: variant.price,
                    compareAtPrice: variant.compareAtPrice, costPerItem: variant.costPerItem, weight: variant.weight,
                    barcode: variant.barcode, taxable: variant.taxable, taxCode: variant.taxCode,
                    requiresShipping: variant.requiresShipping, tracksInventory: variant.tracksInventory,
                    inventoryPolicy: variant.inventoryPolicy, inventoryQuantity: variant.inventoryQuantity,
                    imageSrc: imageOfVariant(variant))
            },
            images: product.images.sorted { $0.position < $1.position }.map {
                ImageDraft(id: $0.id, src: $0.src, alt: $0.alt)
            })
    }
}
