extension CatalogMigrations {
    /// Products with their options, variants and images.
    ///
    /// `sort_title`, `min_price_minor` and `sku_text` are kept by the repository on every write,
    /// so listings sort and search without joining variants. The full-text column covers title,
    /// tags, vendor and SKUs with the `simple` configuration, which keeps words of any language
    /// as written, lower-cased.
    static let products = """
        -- btree_gin lets the search index lead with tenant_id; PostgreSQL marks it trusted, so
        -- the database owner may create it.
        CREATE EXTENSION IF NOT EXISTS btree_gin;

        -- array_to_string is only STABLE in general; for text[] it cannot change its result.
        CREATE FUNCTION catalog.words_of(p_words text[]) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT array_to_string(p_words, ' ') $$;

        -- Turns search input such as `jamdani "red sari" -silk` into a query whose every word
        -- also matches as a prefix, so "sar" finds "saree".
        CREATE FUNCTION catalog.search_query(p_text text) RETURNS tsquery
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT regexp_replace(websearch_to_tsquery('simple', p_text)::text,
                                        '(''(?:[^'']|'''')*'')', '\\1:*', 'g')::tsquery $$;

        -- Timestamps are stored at the API's millisecond precision and read back as whole
        -- milliseconds, so a value compares equal after a round trip.
        CREATE FUNCTION catalog.epoch_ms(p_time timestamptz) RETURNS bigint
            LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT (extract(epoch FROM p_time) * 1000)::bigint $$;

        CREATE TABLE catalog.products (
            id uuid PRIMARY KEY,
            tenant_id uuid NOT NULL,
            handle text NOT NULL,
            title text NOT NULL,
            sort_title text NOT NULL,
            body_html text NOT NULL,
            vendor text NOT NULL,
            product_type text NOT NULL,
            product_category text NOT NULL,
            tags text[] NOT NULL,
            status text NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
            published boolean NOT NULL,
            gift_card boolean NOT NULL,
            seo_title text NOT NULL,
            seo_description text NOT NULL,
            -- The lowest variant price in the variants' currency, 0 without variants.
            min_price_minor bigint NOT NULL,
            sku_text text NOT NULL,
            search_vector tsvector GENERATED ALWAYS AS (
                to_tsvector('simple', title) || to_tsvector('simple', catalog.words_of(tags))
                || to_tsvector('simple', vendor) || to_tsvector('simple', sku_text)) STORED,
            revision integer NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            deleted_at timestamptz
        );
        CREATE UNIQUE INDEX products_live_handle ON catalog.products (tenant_id, handle) WHERE deleted_at IS NULL;
        CREATE INDEX products_newest ON catalog.products (tenant_id, created_at DESC, id DESC)
            WHERE deleted_at IS NULL;
        CREATE INDEX products_by_price ON catalog.products (tenant_id, min_price_minor, id) WHERE deleted_at IS NULL;
        CREATE INDEX products_by_title ON catalog.products (tenant_id, sort_title COLLATE "C", id)
            WHERE deleted_at IS NULL;
        CREATE INDEX products_by_vendor ON catalog.products (tenant_id, lower(vendor)) WHERE deleted_at IS NULL;
        CREATE INDEX products_search ON catalog.products USING gin (tenant_id, search_vector);
        \(tenantPolicy("products"))

        CREATE TABLE catalog.product_options (
            tenant_id uuid NOT NULL,
            product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
            position integer NOT NULL,
            name text NOT NULL,
            option_values text[] NOT NULL,
            PRIMARY KEY (product_id, position)
        );
        CREATE INDEX product_options_by_product ON catalog.product_options (tenant_id, product_id);
        \(tenantPolicy("product_options"))

        -- Stock lives in inventory_levels, so a product update never overwrites it.
        CREATE TABLE catalog.variants (
            id uuid PRIMARY KEY,
            tenant_id uuid NOT NULL,
            product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
            position integer NOT NULL,
            sku text NOT NULL,
            option_values text[] NOT NULL,
            currency char(3) NOT NULL,
            price_minor bigint NOT NULL,
            compare_at_price_minor bigint,
            cost_per_item_minor bigint,
            weight_milligrams bigint NOT NULL,
            weight_unit text NOT NULL,
            barcode text NOT NULL,
            taxable boolean NOT NULL,
            tax_code text NOT NULL,
            requires_shipping boolean NOT NULL,
            tracks_inventory boolean NOT NULL,
            inventory_policy text NOT NULL CHECK (inventory_policy IN ('deny', 'continue'))
        );
        CREATE INDEX variants_by_product ON catalog.variants (tenant_id, product_id, position);
        -- SKUs repeat in real catalogs (Shopify allows it), so this index is not unique.
        CREATE INDEX variants_by_sku ON catalog.variants (tenant_id, sku);
        \(tenantPolicy("variants"))

        CREATE TABLE catalog.product_images (
            id uuid PRIMARY KEY,
            tenant_id uuid NOT NULL,
            product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
            position integer NOT NULL,
            src text NOT NULL,
            alt text NOT NULL,
            variant_ids uuid[] NOT NULL
        );
        CREATE INDEX product_images_by_product ON catalog.product_images (tenant_id, product_id, position);
        \(tenantPolicy("product_images"))
        """
}
