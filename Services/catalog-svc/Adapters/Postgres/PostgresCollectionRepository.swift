import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Categories and collections in PostgreSQL, with their ordered members in
/// `collection_products`.
public struct PostgresCollectionRepository: CollectionRepository {
    let database: PostgresPool

    public init(database: PostgresPool) {
        self.database = database
    }

    public func create(_ collection: Collection, tenantID: UUID) throws {
        guard collection.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try write(collection) {
            try database.withTenantTransaction(tenantID) { connection in
                try connection.execute(
                    """
                    INSERT INTO catalog.collections (id, tenant_id, kind, handle, title, body_html, created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """,
                    [collection.id, tenantID, collection.kind.rawValue, collection.handle, collection.title,
                     collection.bodyHTML, collection.createdAt.truncatedToMilliseconds,
                     collection.updatedAt.truncatedToMilliseconds])
                try Self.insertMembers(collection, on: connection)
            }
        }
    }

    public func update(_ collection: Collection, tenantID: UUID) throws {
        guard collection.tenantID == tenantID else { throw CatalogError.tenantMismatch() }
        try write(collection) {
            try database.withTenantTransaction(tenantID) { connection in
                let changed = try connection.execute(
                    """
                    UPDATE catalog.collections SET kind = $3, handle = $4, title = $5, body_html = $6, updated_at = $7
                    WHERE id = $1 AND tenant_id = $2
                    """,
                    [collection.id, tenantID, collection.kind.rawValue, collection.handle, collection.title,
                     collection.bodyHTML, collection.updatedAt.truncatedToMilliseconds])
                guard changed == 1 else { throw Self.notFound(collection.id) }
                try connection.execute(
                    "DELETE FROM catalog.collection_products WHERE tenant_id = $1 AND collection_id = $2",
                    [tenantID, collection.id])
                try Self.insertMembers(collection, on: connection)
            }
        }
    }

    public func delete(id: UUID, tenantID: UUID) throws {
        try database.withTenantTransaction(tenantID) { connection in
            let deleted = try connection.execute(
                "DELETE FROM catalog.collections WHERE id = $1 AND tenant_id = $2", [id, tenantID])
            guard deleted == 1 else { throw Self.notFound(id) }
        }
    }

    public func find(id: UUID, tenantID: UUID) throws -> Collection? {
        try select("id = $2", [id], tenantID: tenantID).first
    }

    public func find(handle: String, kind: Collection.Kind, tenantID: UUID) throws -> Collection? {
        try select("handle = $2 AND kind = $3", [handle, kind.rawValue], tenantID: tenantID).first
    }

    public func list(kind: Collection.Kind, tenantID: UUID) throws -> [Collection] {
        try select("kind = $2 ORDER BY lower(title) COLLATE \"C\", id", [kind.rawValue], tenantID: tenantID)
    }

    private func select(
        _ clause: String, _ parameters: [any PostgresEncodable], tenantID: UUID
    ) throws -> [Collection] {
        try database.withTenantTransaction(tenantID) { connection in
            let rows = try connection.query(
                """
                SELECT id, kind, handle, title, body_html, catalog.epoch_ms(created_at) AS created_ms,
                       catalog.epoch_ms(updated_at) AS updated_ms,
                       ARRAY(SELECT m.product_id FROM catalog.collection_products m
                             WHERE m.tenant_id = c.tenant_id AND m.collection_id = c.id
                               AND NOT EXISTS (SELECT 1 FROM catalog.products p
                                               WHERE p.tenant_id = m.tenant_id AND p.id = m.product_id
                                                 AND p.deleted_at IS NOT NULL)
                             ORDER BY m.position)
                           AS product_ids
                FROM catalog.collections c WHERE tenant_id = $1 AND \(clause)
                """, [tenantID] + parameters)
            return try rows.map { row in
                Collection(
                    id: try row.uuid("id"), tenantID: tenantID, kind: try ProductRows.enumeration(row, "kind"),
                    handle: try row.string("handle"), title: try row.string("title"),
                    bodyHTML: try row.string("body_html"), productIDs: try row.uuidArray("product_ids"),
                    createdAt: try row.milliseconds("created_ms"), updatedAt: try row.milliseconds("updated_ms"))
            }
        }
    }

    private static func insertMembers(_ collection: Collection, on connection: PostgresConnection) throws {
        try connection.insertRows(
            into: "catalog.collection_products", columns: ["tenant_id", "collection_id", "position", "product_id"],
            rows: collection.productIDs.enumerated().map { index, productID in
                [collection.tenantID, collection.id, index + 1, productID]
            })
    }

    private func write(_ collection: Collection, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as PostgresError where error.isUniqueViolation {
            throw AppError(
                .conflict, code: "collection.handle_taken",
                detail: "Another \(collection.kind.rawValue) already uses the handle '\(collection.handle)'.",
                fieldErrors: [FieldError(field: "handle", message: "is already used", code: "taken")])
        }
    }

    static func notFound(_ id: UUID) -> AppError {
        AppError.notFound("Collection \(id.lowercasedString)", code: "collection.not_found")
    }
}
