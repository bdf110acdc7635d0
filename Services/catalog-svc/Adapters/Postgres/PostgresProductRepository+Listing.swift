import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

extension PostgresProductRepository {
    /// Lists one page with keyset pagination on (sort key, id), reading one row past the page
    /// to learn whether another page follows.
    ///
    /// Search matches whole words and word prefixes of the title, tags, vendor and SKUs
    /// (`catalog.search_query`), not arbitrary substrings.
    public func list(_ query: ProductQuery, tenantID: UUID) throws -> ProductPage {
        let (clause, order, parameters, cursorScope) = try Self.pageClause(query, tenantID: tenantID)
        let products = try database.withTenantTransaction(tenantID) { connection in
            try ProductRows.selectPage(clause, order: order, parameters.values, tenantID: tenantID, on: connection)
        }
        let page = Array(products.prefix(query.limit))
        let next = products.count > query.limit ? page.last.map { ProductCursor(after: $0, sort: query.sort) } : nil
        return ProductPage(products: page, nextCursor: next?.encoded(scope: cursorScope))
    }

    /// Returns the text after `WHERE` that selects one page of `query` plus the next row from
    /// `source`, ending with `ORDER BY … LIMIT …`, the order alone, the parameters, and the scope
    /// of the page's cursors. The source's table is aliased `p`.
    ///
    /// A cursor marks the same place in either source, because both order by the same values.
    static func pageClause(
        _ query: ProductQuery, tenantID: UUID, source: ProductListingSource = .products
    ) throws -> (clause: String, order: String, parameters: SQLParameters, cursorScope: String) {
        let scope = query.cursorScope(tenantID: tenantID)
        try query.validate(cursorScope: scope)
        let cursor = try query.cursor.map { try ProductCursor(encoded: $0, sort: query.sort, scope: scope) }
        var parameters = SQLParameters()
        let tenant = parameters.bind(tenantID)
        var conditions = ["p.tenant_id = \(tenant)"]
        switch source {
        case .products:
            conditions.append("p.deleted_at IS NULL")
            conditions += filterConditions(query, tenant: tenant, parameters: &parameters)
        case .documents:
            guard source.serves(query) else { throw ProductListingSource.mismatch() }
            conditions.append("p.listed")
            conditions += priceConditions(query, parameters: &parameters)
        }
        if let cursor { conditions.append(cursorCondition(cursor, id: source.idColumn, parameters: &parameters)) }
        let limit = parameters.bind(query.limit + 1)

        let ordering = Self.order(query.sort, id: source.idColumn)
        let clause = "\(conditions.joined(separator: " AND ")) ORDER BY \(ordering) LIMIT \(limit)"
        return (clause, ordering, parameters, scope)
    }

    private static func filterConditions(
        _ query: ProductQuery, tenant: String, parameters: inout SQLParameters
    ) -> [String] {
        var conditions: [String] = []
        if let status = query.status { conditions.append("p.status = \(parameters.bind(status.rawValue))") }
        if let published = query.published { conditions.append("p.published = \(parameters.bind(published))") }
        if let collectionID = query.collectionID {
            conditions.append(
                """
                p.id IN (SELECT product_id FROM catalog.collection_products
                         WHERE tenant_id = \(tenant) AND collection_id = \(parameters.bind(collectionID)))
                """)
        }
        if let tag = query.tag {
            conditions.append(
                "EXISTS (SELECT 1 FROM unnest(p.tags) AS tag WHERE lower(tag) = lower(\(parameters.bind(tag))))")
        }
        if let vendor = query.vendor { conditions.append("lower(p.vendor) = lower(\(parameters.bind(vendor)))") }
        if let type = query.productType {
            conditions.append("lower(p.product_type) = lower(\(parameters.bind(type)))")
        }
        return conditions + stockPriceAndSearchConditions(query, parameters: &parameters)
    }

    private static func priceConditions(_ query: ProductQuery, parameters: inout SQLParameters) -> [String] {
        var conditions: [String] = []
        if let minimum = query.minimumPrice {
            conditions.append("p.min_price_minor >= \(parameters.bind(minimum.minorUnits))")
        }
        if let maximum = query.maximumPrice {
            conditions.append("p.min_price_minor <= \(parameters.bind(maximum.minorUnits))")
        }
        return conditions
    }

    private static func stockPriceAndSearchConditions(
        _ query: ProductQuery, parameters: inout SQLParameters
    ) -> [String] {
        var conditions = priceConditions(query, parameters: &parameters)
        if let inStock = query.inStock { conditions.append((inStock ? "" : "NOT ") + inStockCondition) }
        if let search = query.searchText {
            conditions.append("p.search_vector @@ catalog.search_query(\(parameters.bind(search)))")
        }
        return conditions
    }

    /// A product is in stock when some variant does not track inventory, may sell below zero
    /// (`continue`) or has units available, as in `Product.isInStock`. The stock is looked up
    /// by primary key for the same reason as in `ProductRows.selectPage`.
    private static let inStockCondition = """
        EXISTS (SELECT 1 FROM catalog.variants v
                WHERE v.tenant_id = p.tenant_id AND v.product_id = p.id
                  AND (NOT v.tracks_inventory OR v.inventory_policy = 'continue'
                       OR EXISTS (SELECT 1 FROM catalog.inventory_levels l
                                  WHERE l.variant_id = v.id AND l.available > 0)))
        """

    private static func order(_ sort: ProductSort, id: String) -> String {
        switch sort {
        case .newest: "p.created_at DESC, \(id) DESC"
        case .priceAscending: "p.min_price_minor, \(id)"
        case .priceDescending: "p.min_price_minor DESC, \(id) DESC"
        case .title: "p.sort_title COLLATE \"C\", \(id)"
        }
    }

    /// Returns the condition that keeps the rows strictly after `cursor` in its sort order, for
    /// a source whose product id column is `idColumn`.
    private static func cursorCondition(
        _ cursor: ProductCursor, id idColumn: String, parameters: inout SQLParameters
    ) -> String {
        let id = parameters.bind(cursor.id)
        switch (cursor.sort, cursor.key) {
        case (.newest, .integer(let milliseconds)):
            let time = "timestamptz 'epoch' + \(parameters.bind(milliseconds))::bigint * interval '1 millisecond'"
            return "(p.created_at, \(idColumn)) < (\(time), \(id)::uuid)"
        case (.priceAscending, .integer(let price)):
            return "(p.min_price_minor, \(idColumn)) > (\(parameters.bind(price))::bigint, \(id)::uuid)"
        case (.priceDescending, .integer(let price)):
            return "(p.min_price_minor, \(idColumn)) < (\(parameters.bind(price))::bigint, \(id)::uuid)"
        case (.title, .text(let title)):
            return "(p.sort_title COLLATE \"C\", \(idColumn)) > (\(parameters.bind(title))::text COLLATE \"C\", \(id)::uuid)"
        default:
            // ProductCursor(encoded:sort:) pairs each sort with its key type, so this is unreachable.
            return "false"
        }
    }
}
