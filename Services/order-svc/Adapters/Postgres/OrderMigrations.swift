import CommonAdapters

/// order-svc's schema, append-only: never edit a released migration, add a new one.
///
/// Every tenant-owned table has `tenant_id`, indexes that lead with it, and the row policy of
/// `tenantPolicy(_:)`. Money is stored as bigint minor units beside the currency code.
public enum OrderMigrations {
    public static let schema = "ordering"

    public static let all: [Migration] = [
        Migration(version: 1, name: "carts", sql: carts),
        Migration(version: 2, name: "orders", sql: orders),
        Migration(version: 3, name: "order_details", sql: orderDetails),
        Migration(version: 4, name: "checkout", sql: checkout),
        Migration(version: 5, name: "events", sql: EventMigrations.tables(schema: schema)),
        Migration(version: 6, name: "maintenance", sql: maintenance),
    ]

    /// Enables and forces row-level security on `table` with the platform's tenant policy.
    static func tenantPolicy(_ table: String) -> String {
        """
        ALTER TABLE ordering.\(table) ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ordering.\(table) FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ordering.\(table)
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
        """
    }

    static let carts = """
        CREATE TABLE ordering.carts (
            tenant_id uuid NOT NULL,
            id uuid NOT NULL,
            -- Exactly one owner: a guest's secret token or a signed-in customer.
            guest_token text,
            customer_id uuid,
            currency char(3) NOT NULL,
            checked_out_order_id uuid,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            revision integer NOT NULL,
            PRIMARY KEY (tenant_id, id),
            CHECK ((guest_token IS NULL) <> (customer_id IS NULL))
        );
        CREATE INDEX carts_open_by_customer ON ordering.carts (tenant_id, customer_id, updated_at)
            WHERE customer_id IS NOT NULL AND checked_out_order_id IS NULL;
        \(tenantPolicy("carts"))

        CREATE TABLE ordering.cart_lines (
            tenant_id uuid NOT NULL,
            cart_id uuid NOT NULL,
            position integer NOT NULL,
            variant_id uuid NOT NULL,
            product_id uuid NOT NULL,
            title text NOT NULL,
            variant_title text NOT NULL,
            sku text NOT NULL,
            unit_price_minor bigint NOT NULL,
            currency char(3) NOT NULL,
            quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
            weight_grams integer NOT NULL,
            requires_shipping boolean NOT NULL,
            taxable boolean NOT NULL,
            PRIMARY KEY (tenant_id, cart_id, position),
            FOREIGN KEY (tenant_id, cart_id) REFERENCES ordering.carts (tenant_id, id) ON DELETE CASCADE
        );
        \(tenantPolicy("cart_lines"))
        """
}
