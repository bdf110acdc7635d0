import CatalogCore
import CommonKernel
import FoundationEssentials

/// The query string of `GET /api/v1/products`, checked parameter by parameter.
///
/// Parameters: `limit`, `cursor`, `sort` (newest, price_asc, price_desc, title), `status` and
/// `published` (staff only), `collection` (id or handle), `tag`, `vendor`, `product_type`,
/// `price_min`, `price_max`, `in_stock` and `q` (full-text search).
struct ProductListRequest {
    var query = ProductQuery()
    /// The `collection` parameter when it is a handle, which the route resolves to an id.
    var collectionHandle: String?
    /// Whether the request filters on fields that only staff may see.
    var usesStaffFilters = false

    /// Reads the parameters; throws `invalidInput` naming every bad one.
    init(parameters: [String: String], currency: Currency) throws {
        var errors: [FieldError] = []
        let fail = { (field: String, message: String) in errors.append(FieldError(field: field, message: message)) }
        readPaging(parameters, fail: fail)
        readStaffFilters(parameters, fail: fail)
        readFilters(parameters)
        readPrices(parameters, currency: currency, fail: fail)
        if let inStock = parameters["in_stock"] {
            if let flag = Self.bool(inStock) { query.inStock = flag } else { fail("in_stock", "must be true or false") }
        }
        let unknown = Set(parameters.keys).subtracting(Self.knownParameters)
        for name in unknown.sorted() { fail(name, "is not a known parameter") }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }

    static let knownParameters: Set<String> = [
        "limit", "cursor", "sort", "status", "published", "collection", "tag", "vendor", "product_type",
        "price_min", "price_max", "in_stock", "q",
    ]

    /// Returns the parameters in a fixed order, for cache keys, so the same listing gives the same text.
    static func canonicalText(_ parameters: [String: String]) -> String {
        // Names and values are escaped, so that `q=a%26tag%3Db` and `q=a&tag=b` give different keys,
        // and so that keys compare by bytes as PostgreSQL does, not by canonical equivalence.
        parameters.keys.sorted().map { "\($0.percentEncodedQueryValue)=\(parameters[$0]!.percentEncodedQueryValue)" }
            .joined(separator: "&")
    }

    private mutating func readPaging(_ parameters: [String: String], fail: (String, String) -> Void) {
        if let text = parameters["limit"] {
            if let limit = Int(text), (1...ProductQuery.maximumLimit).contains(limit) {
                query.limit = limit
            } else {
                fail("limit", "must be a whole number from 1 to \(ProductQuery.maximumLimit)")
            }
        }
        if let text = parameters["sort"] {
            if let sort = ProductSort(rawValue: text) {
                query.sort = sort
            } else {
                fail("sort", "must be one of newest, price_asc, price_desc, title (got \"\(text)\")")
            }
        }
        if let cursor = parameters["cursor"], !cursor.isEmpty { query.cursor = cursor }
    }

    private mutating func readStaffFilters(_ parameters: [String: String], fail: (String, String) -> Void) {
        if let text = parameters["status"] {
            usesStaffFilters = true
            if let status = ProductStatus(rawValue: text) {
                query.status = status
            } else {
                fail("status", "must be one of draft, active, archived (got \"\(text)\")")
            }
        }
        if let text = parameters["published"] {
            usesStaffFilters = true
            if let flag = Self.bool(text) { query.published = flag } else { fail("published", "must be true or false") }
        }
    }

    private mutating func readFilters(_ parameters: [String: String]) {
        if let collection = parameters["collection"], !collection.isEmpty {
            if let id = UUID(uuidString: collection) { query.collectionID = id } else { collectionHandle = collection }
        }
        query.tag = parameters["tag"].flatMap { $0.isEmpty ? nil : $0 }
        query.vendor = parameters["vendor"].flatMap { $0.isEmpty ? nil : $0 }
        query.productType = parameters["product_type"].flatMap { $0.isEmpty ? nil : $0 }
        query.search = parameters["q"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private mutating func readPrices(
        _ parameters: [String: String], currency: Currency, fail: (String, String) -> Void
    ) {
        for (field, path) in [("price_min", \ProductQuery.minimumPrice), ("price_max", \.maximumPrice)] {
            guard let text = parameters[field] else { continue }
            do {
                query[keyPath: path] = try Money.parse(text, currency: currency, field: field)
            } catch {
                let message = (error as? AppError)?.fieldErrors.first?.message ?? "is not a valid amount"
                fail(field, message)
            }
        }
        if let minimum = query.minimumPrice, let maximum = query.maximumPrice, maximum.minorUnits < minimum.minorUnits {
            fail("price_max", "must not be below price_min")
        }
    }

    private static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}
