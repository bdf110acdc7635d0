import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Products in PostgreSQL, each call in one transaction scoped to its tenant by row-level
/// security as well as by explicit `tenant_id` filters.
public struct PostgresProductRepository: ProductRepository {
    let database: PostgresPool

    public init(database: PostgresPool) {
        self.database = database
    }

    /// Stores the product under a per-tenant advisory lock, so the live-product count and the
    /// insert cannot interleave with another create of the same tenant.
    public func create(_ product: Product, tenantID: UUID, productLimit: Int?, event: CatalogEvent) throws {
        guard product.tenantID == tenantID, event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try write(handle: product.handle) {
            try database.withTenantTransaction(tenantID) { connection in
                try connection.lockForTransaction("catalog.products:\(tenantID.lowercasedString)")
                try Self.requireFreeHandle(product.handle, except: product.id, tenantID: tenantID, on: connection)
                if let productLimit, try Self.count(tenantID: tenantID, on: connection) >= productLimit {
                    throw CatalogError.productLimitReached(limit: productLimit)
                }
                try ProductRows.insert(product, on: connection)
                try ProductRows.replaceChildren(product, on: connection)
                // Rendered from the rows as stored, which round timestamps to milliseconds and
                // order children by position, so that the document equals a fresh read.
                try ProductDocumentRows.store(productID: product.id, tenantID: tenantID, on: connection)
                try CatalogOutbox.append(event, on: connection)
            }
        }
    }

    public func update(_ product: Product, tenantID: UUID, event: CatalogEvent) throws -> Product {
        guard product.tenantID == tenantID, event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        return try write(handle: product.handle) {
            try database.withTenantTransaction(tenantID) { connection in
                let rows = try connection.query(
                    """
                    SELECT revision FROM catalog.products
                    WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL FOR UPDATE
                    """, [product.id, tenantID])
                guard let stored = try rows.first?.int("revision") else { throw CatalogError.productNotFound(product.id) }
                guard stored == product.revision else {
                    throw CatalogError.revisionConflict(expected: product.revision, actual: stored)
                }
                try Self.requireFreeHandle(product.handle, except: product.id, tenantID: tenantID, on: connection)

                try ProductRows.update(product, revision: stored + 1, on: connection)
                try ProductRows.replaceChildren(product, on: connection)
                try CatalogOutbox.append(event, on: connection)
                let updated = try ProductRows.select("p.id = $1 AND p.tenant_id = $2", [product.id, tenantID],
                                                     tenantID: tenantID, on: connection)
                guard let updated = updated.first else { throw CatalogError.productNotFound(product.id) }
                try ProductDocumentRows.store(updated, on: connection)
                return updated
            }
        }
    }

    public func softDelete(id: UUID, tenantID: UUID, at time: Date, event: CatalogEvent) throws {
        guard event.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try database.withTenantTransaction(tenantID) { connection in
            let changed = try connection.execute(
                """
                UPDATE catalog.products SET deleted_at = $3, updated_at = $3
                WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL
                """, [id, tenantID, time.truncatedToMilliseconds])
            guard changed == 1 else { throw CatalogError.productNotFound(id) }
            try connection.execute(
                "DELETE FROM catalog.collection_products WHERE tenant_id = $1 AND product_id = $2", [tenantID, id])
            try ProductDocumentRows.remove(productID: id, tenantID: tenantID, on: connection)
            try CatalogOutbox.append(event, on: connection)
        }
    }

    public func find(id: UUID, tenantID: UUID) throws -> Product? {
        try database.withTenantTransaction(tenantID) { connection in
            try ProductRows.select(
                "p.id = $1 AND p.tenant_id = $2 AND p.deleted_at IS NULL", [id, tenantID], tenantID: tenantID,
                on: connection
            ).first
        }
    }

    public func find(handle: String, tenantID: UUID) throws -> Product? {
        try database.withTenantTransaction(tenantID) { connection in
            try ProductRows.select(
                "p.handle = $1 AND p.tenant_id = $2 AND p.deleted_at IS NULL", [handle, tenantID],
                tenantID: tenantID, on: connection
            ).first
        }
    }

    public func count(tenantID: UUID) throws -> Int {
        try database.withTenantTransaction(tenantID) { connection in
            try Self.count(tenantID: tenantID, on: connection)
        }
    }

    public func productIDs(withSKU sku: String, tenantID: UUID) throws -> [UUID] {
        try database.withTenantTransaction(tenantID) { connection in
            try connection.query(
                """
                SELECT DISTINCT p.id FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id
                WHERE v.tenant_id = $1 AND v.sku = $2 AND p.deleted_at IS NULL
                """, [tenantID, sku]
            ).map { try $0.uuid("id") }
        }
    }

    static func count(tenantID: UUID, on connection: PostgresConnection) throws -> Int {
        try connection.query(
            "SELECT count(*) AS live FROM catalog.products WHERE tenant_id = $1 AND deleted_at IS NULL", [tenantID]
        )[0].int("live")
    }

    private static func requireFreeHandle(
        _ handle: String, except id: UUID, tenantID: UUID, on connection: PostgresConnection
    ) throws {
        let taken = try connection.query(
            """
            SELECT 1 FROM catalog.products
            WHERE tenant_id = $1 AND handle = $2 AND id <> $3 AND deleted_at IS NULL
            """, [tenantID, handle, id])
        if !taken.isEmpty { throw CatalogError.handleTaken(handle) }
    }

    /// Runs a write, turning the unique violations that races past the explicit checks can
    /// still cause into the errors those checks throw.
    private func write<T>(handle: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError where error.isUniqueViolation {
            if error.constraint == "products_live_handle" { throw CatalogError.handleTaken(handle) }
            if error.constraint == "products_pkey" {
                throw AppError(.conflict, code: "product.exists", detail: "A product with this id already exists.")
            }
            throw error
        }
    }
}
