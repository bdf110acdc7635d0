import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Renders the stored documents that the `product_documents` migration left without a body,
/// one batch of products per tenant transaction.
///
/// Several processes may run it at once: each locks the rows it renders and skips the rows that
/// another has locked.
public struct ProductDocumentBackfill: Sendable {
    let database: PostgresPool
    let logger: Logger

    public init(database: PostgresPool, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Renders batches until no document is left without a body, or until a batch renders
    /// nothing because other processes hold those rows. Returns the number rendered here.
    @discardableResult
    public func run(batchSize: Int = 200) throws -> Int {
        var rendered = 0
        while true {
            let count = try renderBatch(limit: batchSize)
            if count == 0 { break }
            rendered += count
        }
        if rendered > 0 { logger.info("rendered stored product documents", ["products": "\(rendered)"]) }
        return rendered
    }

    /// Renders up to `limit` documents without a body and returns how many it rendered.
    func renderBatch(limit: Int) throws -> Int {
        // The owner-only function reads across tenants; the application role cannot otherwise.
        let pending = try database.withTransaction { connection in
            try connection.query(
                "SELECT tenant_id, product_id FROM catalog.unrendered_product_documents($1)", [limit]
            ).map { row in (tenantID: try row.uuid("tenant_id"), productID: try row.uuid("product_id")) }
        }
        var rendered = 0
        for (tenantID, entries) in Dictionary(grouping: pending, by: \.tenantID) {
            rendered += try database.withTenantTransaction(tenantID) { connection in
                let ids = PostgresArray(entries.map(\.productID))
                let locked = try connection.query(
                    """
                    SELECT product_id FROM catalog.product_documents
                    WHERE tenant_id = $1 AND product_id = ANY($2::uuid[]) AND body IS NULL
                    FOR UPDATE SKIP LOCKED
                    """, [tenantID, ids]
                ).map { try $0.uuid("product_id") }
                guard !locked.isEmpty else { return 0 }
                let products = try ProductRows.select(
                    "p.tenant_id = $1 AND p.id = ANY($2::uuid[]) AND p.deleted_at IS NULL",
                    [tenantID, PostgresArray(locked)], tenantID: tenantID, on: connection)
                for product in products { try ProductDocumentRows.store(product, on: connection) }
                // A document whose product is gone would otherwise be listed again forever.
                try connection.execute(
                    "DELETE FROM catalog.product_documents WHERE tenant_id = $1 AND product_id = ANY($2::uuid[]) AND body IS NULL",
                    [tenantID, PostgresArray(locked)])
                return locked.count
            }
        }
        return rendered
    }
}
