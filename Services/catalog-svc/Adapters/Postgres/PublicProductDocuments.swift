import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// One stored public document as read: the body with its markers and the stock flags that
/// `PublicProductDocument.splice` puts in their place.
struct StoredProductDocument {
    var body: String
    var stockFlags: String
}

/// One stored document of a page in libpq's memory, valid only during the call that receives it.
struct StoredDocumentBytes {
    var body: UnsafeBufferPointer<UInt8>
    var stockFlags: UnsafeBufferPointer<UInt8>
}

/// The end state of reading a page of stored documents.
enum StoredPageOutcome: Equatable {
    /// Every document of the page was passed on. The cursor is nil on the last page.
    case complete(nextCursor: String?)
    /// A document had no body yet, or the receiver turned one down, so the page must be built
    /// from the rows instead.
    case incomplete
}

/// Public product reads from `catalog.product_documents`, each in one statement and one round
/// trip. A listing that `ProductListingSource.documents` serves reads the documents' own listing
/// index. Any other selects the page by the normalised columns, as
/// `PostgresProductRepository.list` does, and returns the page's stored documents instead of
/// their rows.
///
/// A read returns nil when a product it found has no rendered body yet (after the migration
/// that added the documents, until catalog-svc has rendered them), and the caller then builds
/// the response from the rows.
struct PublicProductDocuments {
    let database: PostgresPool

    /// Reads the page of `query`, which must already be limited to active, published products,
    /// and passes each document in the listing's order to `receive`, which returns false to stop.
    /// The documents are read in libpq's memory, so that each body is copied once, into
    /// the response.
    func page(
        _ query: ProductQuery, tenantID: UUID, each receive: (StoredDocumentBytes) -> Bool
    ) throws -> StoredPageOutcome {
        let source = ProductListingSource.publicListing(query)
        let (clause, order, parameters, cursorScope) = try PostgresProductRepository.pageClause(
            query, tenantID: tenantID, source: source)
        let sql: String
        switch source {
        case .documents:
            sql = """
                SELECT p.body, p.stock_flags, p.product_id AS id, p.created_at, p.min_price_minor, p.sort_title
                FROM catalog.product_documents p WHERE \(clause)
                """
        case .products:
            // The page is chosen in a subquery so that each document is then looked up by primary
            // key behind the OFFSET 0 fence, instead of PostgreSQL joining all of the shop's
            // documents.
            sql = """
                SELECT d.body, d.stock_flags, p.id, p.created_at, p.min_price_minor, p.sort_title
                FROM (SELECT p.id, p.created_at, p.min_price_minor, p.sort_title
                      FROM catalog.products p WHERE \(clause)) p
                LEFT JOIN LATERAL (
                    SELECT d.body, d.stock_flags FROM catalog.product_documents d WHERE d.product_id = p.id OFFSET 0
                ) d ON true
                ORDER BY \(order)
                """
        }
        // In binary format the server sends ids, prices and times without converting them to text.
        let statement = PostgresStatement(sql, parameters.values, resultFormat: .binary)
        // The documents' listing without a price range has one good plan for any shop and page:
        // a scan of the index of its sort order. With a range, or a filter of the products, the
        // best plan depends on how many products the values match, so it is made for them.
        let onePlan = source == .documents && query.minimumPrice == nil && query.maximumPrice == nil
        return try read(statement, tenantID: tenantID, genericPlan: onePlan) { cells in
            let body = try cells.column("body")
            let flags = try cells.column("stock_flags")
            let count = min(cells.rowCount, query.limit)
            for row in 0..<count {
                let accepted = cells.withValue(row: row, column: body) { body in
                    guard let body else { return false }
                    return cells.withValue(row: row, column: flags) { flags in
                        receive(StoredDocumentBytes(body: body, stockFlags: flags ?? UnsafeBufferPointer(start: nil, count: 0)))
                    }
                }
                guard accepted else { return .incomplete }
            }
            guard cells.rowCount > count, count > 0 else { return .complete(nextCursor: nil) }
            let cursor = try Self.cursor(after: count - 1, of: cells, sort: query.sort)
            return .complete(nextCursor: cursor.encoded(scope: cursorScope))
        }
    }

    /// Returns the document of the live product with `id` when it is active and published.
    func product(id: UUID, tenantID: UUID) throws -> ProductDocumentLookup {
        try product(where: "p.id = $2", id, tenantID: tenantID)
    }

    /// Returns the document of the live product with `handle` when it is active and published.
    func product(handle: String, tenantID: UUID) throws -> ProductDocumentLookup {
        try product(where: "p.handle = $2", handle, tenantID: tenantID)
    }

    /// Returns the document of the live product that `condition` selects, a condition on products
    /// aliased `p` with `value` bound as `$2`.
    func product(
        where condition: String, _ value: any PostgresEncodable, tenantID: UUID
    ) throws -> ProductDocumentLookup {
        let statement = PostgresStatement(
            """
            SELECT d.body, d.stock_flags, p.status = 'active' AND p.published AS is_public
            FROM catalog.products p
            LEFT JOIN catalog.product_documents d ON d.product_id = p.id
            WHERE p.tenant_id = $1 AND \(condition) AND p.deleted_at IS NULL
            """, [tenantID, value])
        let rows = try rows(statement, tenantID: tenantID)
        guard let row = rows.first else { return .notFound }
        guard try row.bool("is_public") else { return .hidden }
        guard let document = try Self.document(row) else { return .unrendered }
        return .found(document)
    }

    /// Runs `statement` for `tenantID` in one round trip and reads its result with `body`. The
    /// tenant setting and the statement go in one pipeline, which PostgreSQL runs as one implicit
    /// transaction up to its sync point. So the setting, local to that transaction, applies to the
    /// statement and ends with it, and a failure rolls the transaction back before the connection
    /// returns to the pool. `body` runs while the connection is held, so it only copies.
    ///
    /// With `genericPlan`, the statement runs with its generic plan. Otherwise PostgreSQL plans a
    /// prepared statement again on each run while its generic plan's estimated cost is higher
    /// than that of the plans made for the values, as for a listing whose page size is a
    /// parameter. Planning then took about a third of the server's time for each page.
    private func read<T>(
        _ statement: PostgresStatement, tenantID: UUID, genericPlan: Bool = false,
        _ body: (PostgresResultCells) throws -> T
    ) throws -> T {
        let settings = genericPlan
            ? "SELECT set_config('app.tenant_id', $1, true), set_config('plan_cache_mode', 'force_generic_plan', true)"
            : "SELECT set_config('app.tenant_id', $1, true)"
        return try database.withConnection { connection in
            try connection.pipeline([PostgresStatement(settings, [tenantID]), statement], readingLast: body)
        }
    }

    private func rows(_ statement: PostgresStatement, tenantID: UUID) throws -> [PostgresRow] {
        try read(statement, tenantID: tenantID) { $0.rows() }
    }

    private static func document(_ row: PostgresRow) throws -> StoredProductDocument? {
        guard let body = try row.optionalString("body") else { return nil }
        return StoredProductDocument(body: body, stockFlags: try row.string("stock_flags"))
    }

    /// Returns the cursor after the product in `row` of a binary page, with the key that
    /// `ProductSort.key(of:)` gives for the product: `sort_title` is stored as
    /// `title.lowercased()`, `min_price_minor` as the lowest price, and `created_at` at whole
    /// milliseconds.
    private static func cursor(after row: Int, of cells: PostgresResultCells, sort: ProductSort) throws -> ProductCursor {
        let key: ProductSortKey
        switch sort {
        case .newest:
            let microseconds = try cells.binaryTimestampMicroseconds(row: row, column: try cells.column("created_at"))
            // Rounded down like `Date.millisecondsSince1970`, also before 1970.
            let remainder = microseconds % 1_000
            key = .integer((microseconds - (remainder < 0 ? remainder + 1_000 : remainder)) / 1_000)
        case .priceAscending, .priceDescending:
            key = .integer(try cells.binaryInt64(row: row, column: try cells.column("min_price_minor")))
        case .title:
            key = .text(try cells.binaryText(row: row, column: try cells.column("sort_title")))
        }
        return ProductCursor(sort: sort, key: key, id: try cells.binaryUUID(row: row, column: try cells.column("id")))
    }
}

/// The result of reading one product's stored document.
enum ProductDocumentLookup {
    case found(StoredProductDocument)
    /// No live product has that id or handle.
    case notFound
    /// The product is a draft, archived or unpublished, so the public may not see it.
    case hidden
    /// The product exists and is public, but its document has no body yet.
    case unrendered
}
