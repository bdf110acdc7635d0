extension CatalogMigrations {
    /// The stored public JSON of each live product (`PublicProductDocument`), which public reads
    /// copy into responses.
    ///
    /// Product writes render the body in the transaction that changes the product. A statement
    /// trigger on `inventory_levels` keeps the stock flags current and writes only when a variant
    /// runs out or comes back, so most reservations leave the documents alone. Existing products get
    /// a row without a body here, because SQL cannot render the JSON exactly as catalog-svc
    /// writes it. catalog-svc renders those when it starts, and public reads build a page from
    /// the normalised rows while one of its products has no body.
    static let documents = """
        CREATE TABLE catalog.product_documents (
            product_id uuid PRIMARY KEY REFERENCES catalog.products (id) ON DELETE CASCADE,
            tenant_id uuid NOT NULL,
            -- The public JSON with a marker byte for each value that depends on stock; NULL until rendered.
            body text,
            -- The variants that enforce a stock floor, in the order of their markers in body.
            stock_variant_ids uuid[] NOT NULL DEFAULT '{}',
            -- One character per stock variant: '1' when it has units available, otherwise '0'.
            stock_flags text NOT NULL DEFAULT ''
        ) WITH (toast_tuple_target = 8160);
        -- A typical body of 2 to 3 KB would otherwise be compressed with pglz, and every public
        -- read would decompress it. With the target above, rows up to about 8 KB stay inline as
        -- written. Larger bodies are compressed with lz4, which decompresses several times faster.
        ALTER TABLE catalog.product_documents ALTER COLUMN body SET COMPRESSION lz4;
        CREATE INDEX product_documents_unrendered ON catalog.product_documents (product_id) WHERE body IS NULL;

        -- The products table forces row-level security on its owner as well, so the rows of
        -- existing products are copied with the policy lifted for this transaction only.
        ALTER TABLE catalog.products NO FORCE ROW LEVEL SECURITY;
        INSERT INTO catalog.product_documents (product_id, tenant_id)
            SELECT id, tenant_id FROM catalog.products WHERE deleted_at IS NULL;
        ALTER TABLE catalog.products FORCE ROW LEVEL SECURITY;
        \(tenantPolicy("product_documents"))
        -- The schema owner reads every row, so that the function below can find the documents of
        -- all tenants that still need a body. The application role gets no such policy.
        CREATE POLICY owner_reads_all ON catalog.product_documents FOR SELECT TO CURRENT_USER USING (true);

        -- Returns documents without a body, for catalog-svc to render after this migration.
        CREATE FUNCTION catalog.unrendered_product_documents(p_limit integer)
            RETURNS TABLE (tenant_id uuid, product_id uuid)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT tenant_id, product_id FROM catalog.product_documents
                  WHERE body IS NULL ORDER BY product_id LIMIT p_limit $$;

        -- Refreshes the planner's statistics of the product tables. A large import grows them
        -- faster than autovacuum looks, and until it does, PostgreSQL plans listings for nearly
        -- empty tables. ANALYZE needs the tables' owner, hence SECURITY DEFINER.
        CREATE FUNCTION catalog.analyze_product_tables() RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                ANALYZE catalog.products, catalog.product_options, catalog.variants, catalog.product_images,
                    catalog.inventory_levels, catalog.product_documents;
            END
            $$;

        -- Sets the stock flags of the products whose variants went from no stock to some or back
        -- in one statement. The documents are locked in product id order first, so two
        -- checkouts that sell out variants of the same products wait for each other instead of
        -- deadlocking. The flags are then read again from the stock rows, which this statement
        -- sees with every change committed before the locks were granted. It runs as the caller,
        -- so row-level security scopes it to the caller's tenant.
        CREATE FUNCTION catalog.set_document_stock_flags() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
            DECLARE
                products uuid[];
            BEGIN
                SELECT array_agg(DISTINCT v.product_id) INTO products
                FROM new_levels n
                JOIN old_levels o ON o.variant_id = n.variant_id
                JOIN catalog.variants v ON v.id = n.variant_id
                WHERE (o.available > 0) <> (n.available > 0);
                IF products IS NULL THEN
                    RETURN NULL;
                END IF;
                PERFORM 1 FROM catalog.product_documents d
                WHERE d.product_id = ANY (products) ORDER BY d.product_id FOR UPDATE;
                UPDATE catalog.product_documents d
                SET stock_flags = coalesce((
                    SELECT string_agg(CASE WHEN l.available > 0 THEN '1' ELSE '0' END, '' ORDER BY s.ordinal)
                    FROM unnest(d.stock_variant_ids) WITH ORDINALITY AS s (variant_id, ordinal)
                    LEFT JOIN catalog.inventory_levels l ON l.variant_id = s.variant_id), '')
                WHERE d.product_id = ANY (products);
                RETURN NULL;
            END
            $$;
        -- PostgreSQL allows no column list on an UPDATE trigger with transition tables.
        CREATE TRIGGER document_stock_flags AFTER UPDATE ON catalog.inventory_levels
            REFERENCING OLD TABLE AS old_levels NEW TABLE AS new_levels
            FOR EACH STATEMENT EXECUTE FUNCTION catalog.set_document_stock_flags();
        """

    /// The listing values of each document's product, so that the public listing reads one index
    /// of the documents in its sort order (`ProductListingSource.documents`). Product writes copy
    /// them from the product's row when they store the document; existing documents are filled
    /// here.
    static let documentListing = """
        ALTER TABLE catalog.product_documents
            -- True while the product is active and published: the public may list it.
            ADD COLUMN listed boolean NOT NULL DEFAULT false,
            ADD COLUMN created_at timestamptz,
            ADD COLUMN min_price_minor bigint,
            ADD COLUMN sort_title text;

        \(documentListingBackfill)

        ALTER TABLE catalog.product_documents
            ALTER COLUMN created_at SET NOT NULL,
            ALTER COLUMN min_price_minor SET NOT NULL,
            ALTER COLUMN sort_title SET NOT NULL;
        CREATE INDEX product_documents_newest ON catalog.product_documents (tenant_id, created_at DESC, product_id DESC)
            WHERE listed;
        CREATE INDEX product_documents_by_price ON catalog.product_documents (tenant_id, min_price_minor, product_id)
            WHERE listed;
        CREATE INDEX product_documents_by_title ON catalog.product_documents (tenant_id, sort_title COLLATE "C", product_id)
            WHERE listed;
        """

    /// Copies the listing values of every product into its document. Both tables force
    /// row-level security on their owner as well, so the policy is lifted for this transaction
    /// only.
    static let documentListingBackfill = """
        ALTER TABLE catalog.products NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE catalog.product_documents NO FORCE ROW LEVEL SECURITY;
        UPDATE catalog.product_documents d
        SET listed = p.status = 'active' AND p.published AND p.deleted_at IS NULL,
            created_at = p.created_at, min_price_minor = p.min_price_minor, sort_title = p.sort_title
        FROM catalog.products p WHERE p.id = d.product_id;
        ALTER TABLE catalog.product_documents FORCE ROW LEVEL SECURITY;
        ALTER TABLE catalog.products FORCE ROW LEVEL SECURITY;
        """
}
