import CommonAdapters

/// catalog-svc's schema, append-only: never edit a released migration, add a new one.
///
/// Every tenant-owned table has `tenant_id`, indexes that lead with it, and the row policy of
/// `tenantPolicy(_:)`. Money is stored as bigint minor units beside the currency code.
public enum CatalogMigrations {
    public static let schema = "catalog"

    public static let all: [Migration] = [
        Migration(version: 1, name: "products", sql: products),
        Migration(version: 2, name: "collections", sql: collections),
        Migration(version: 3, name: "inventory_and_reservations", sql: inventory),
        Migration(version: 4, name: "import_jobs", sql: importJobs),
        Migration(version: 5, name: "events", sql: EventMigrations.tables(schema: schema)),
        Migration(version: 6, name: "product_documents", sql: documents),
        Migration(version: 7, name: "product_document_listing", sql: documentListing),
    ]

    /// Enables and forces row-level security on `table` with the platform's tenant policy.
    static func tenantPolicy(_ table: String) -> String {
        """
        ALTER TABLE catalog.\(table) ENABLE ROW LEVEL SECURITY;
        ALTER TABLE catalog.\(table) FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON catalog.\(table)
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
        """
    }

    static let collections = """
        CREATE TABLE catalog.collections (
            id uuid PRIMARY KEY,
            tenant_id uuid NOT NULL,
            kind text NOT NULL CHECK (kind IN ('category', 'collection')),
            handle text NOT NULL,
            title text NOT NULL,
            body_html text NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            UNIQUE (tenant_id, kind, handle)
        );
        CREATE INDEX collections_by_title ON catalog.collections (tenant_id, kind, lower(title), id);
        \(tenantPolicy("collections"))

        -- Members are product ids without a foreign key: deleting a product leaves its
        -- memberships, and listings skip members that are deleted.
        CREATE TABLE catalog.collection_products (
            tenant_id uuid NOT NULL,
            collection_id uuid NOT NULL REFERENCES catalog.collections (id) ON DELETE CASCADE,
            position integer NOT NULL,
            product_id uuid NOT NULL,
            PRIMARY KEY (collection_id, position)
        );
        CREATE INDEX collection_products_by_collection
            ON catalog.collection_products (tenant_id, collection_id, product_id);
        CREATE INDEX collection_products_by_product ON catalog.collection_products (tenant_id, product_id);
        \(tenantPolicy("collection_products"))
        """
}
