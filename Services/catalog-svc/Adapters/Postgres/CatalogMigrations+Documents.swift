extension CatalogMigrations {
    /// The stored public JSON of each live product (`PublicProductDocument`), which public reads
    /// copy into responses.
    ///
    /// Product writes render the body in the transaction that changes the product. A trigger on
    /// `inventory_levels` keeps the stock flags current, and it writes only when a variant runs
    /// out or comes back, so most reservations leave the documents alone. Existing products get
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

        -- Sets the flag of a variant whose stock went from none to some or back. It runs as the
        -- caller, so row-level security scopes it to the caller's tenant.
        CREATE FUNCTION catalog.set_document_stock_flag() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
            BEGIN
                UPDATE catalog.product_documents d
                SET stock_flags = overlay(d.stock_flags
                    PLACING CASE WHEN NEW.available > 0 THEN '1' ELSE '0' END
                    FROM array_position(d.stock_variant_ids, NEW.variant_id) FOR 1)
                WHERE d.product_id = (SELECT v.product_id FROM catalog.variants v WHERE v.id = NEW.variant_id)
                  AND NEW.variant_id = ANY (d.stock_variant_ids);
                RETURN NULL;
            END
            $$;
        CREATE TRIGGER document_stock_flag AFTER UPDATE OF available ON catalog.inventory_levels
            FOR EACH ROW WHEN ((OLD.available > 0) <> (NEW.available > 0))
            EXECUTE FUNCTION catalog.set_document_stock_flag();
        """
}
