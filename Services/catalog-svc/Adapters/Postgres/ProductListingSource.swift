import CatalogCore
import CommonKernel

/// The table that a page of products is selected from.
///
/// Each stored document carries the listing values of its product (whether it is public, when it
/// was created, its lowest price and its title for sorting), copied from the product's row in
/// the transaction that writes either. So the public listing without filters, or with a price
/// range only, reads one index of `catalog.product_documents` in its sort order and takes the
/// bodies from the same rows, without joining the products.
enum ProductListingSource {
    /// `catalog.products`, which every filter can use.
    case products
    /// `catalog.product_documents`, for the public listings that `serves(_:)` accepts.
    case documents

    /// Returns the source for the public listing `query`.
    static func publicListing(_ query: ProductQuery) -> ProductListingSource {
        documents.serves(query) ? .documents : .products
    }

    /// The product id column of the source's table, aliased `p`.
    var idColumn: String {
        switch self {
        case .products: "p.id"
        case .documents: "p.product_id"
        }
    }

    /// Returns whether this source can select the page of `query`. The documents mark only the
    /// products that are active and published, and hold no tags, vendor, type, collections,
    /// stock or search words.
    func serves(_ query: ProductQuery) -> Bool {
        switch self {
        case .products:
            return true
        case .documents:
            return query.status == .active && query.published == true && query.collectionID == nil
                && query.tag == nil && query.vendor == nil && query.productType == nil && query.inStock == nil
                && query.searchText == nil
        }
    }

    /// Returns the error for a listing sent to a source that cannot apply its filters, which is a
    /// wiring mistake and never client input.
    static func mismatch() -> AppError {
        AppError(
            .internal, code: "catalog.listing_source",
            detail: "A product listing was sent to stored documents with a filter that only product rows can apply.")
    }
}
