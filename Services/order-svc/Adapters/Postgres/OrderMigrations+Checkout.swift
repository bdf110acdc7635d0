extension OrderMigrations {
    static let checkout = """
        CREATE TABLE ordering.discounts (
            tenant_id uuid NOT NULL,
            code text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('percentage', 'fixed')),
            basis_points integer,
            amount_minor bigint,
            amount_currency char(3),
            minimum_minor bigint,
            minimum_currency char(3),
            usage_limit integer CHECK (usage_limit >= 0),
            -- Raised by one conditional UPDATE per redemption, so it never passes usage_limit.
            used integer NOT NULL CHECK (used >= 0),
            starts_at timestamptz,
            ends_at timestamptz,
            is_active boolean NOT NULL,
            PRIMARY KEY (tenant_id, code),
            CHECK ((kind = 'percentage') = (basis_points IS NOT NULL)),
            CHECK ((kind = 'fixed') = (amount_minor IS NOT NULL AND amount_currency IS NOT NULL))
        );
        \(tenantPolicy("discounts"))

        CREATE TABLE ordering.discount_redemptions (
            tenant_id uuid NOT NULL,
            code text NOT NULL,
            order_id uuid NOT NULL,
            redeemed_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, code, order_id),
            FOREIGN KEY (tenant_id, code) REFERENCES ordering.discounts (tenant_id, code) ON DELETE CASCADE
        );
        \(tenantPolicy("discount_redemptions"))

        -- One row per Idempotency-Key. It is inserted before any stock is reserved, and a
        -- concurrent insert with the same key waits for this row's transaction and then finds it.
        CREATE TABLE ordering.checkout_attempts (
            tenant_id uuid NOT NULL,
            key text NOT NULL,
            fingerprint text NOT NULL,
            order_id uuid NOT NULL,
            state text NOT NULL CHECK (state IN ('pending', 'completed', 'abandoning')),
            started_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, key)
        );
        CREATE INDEX checkout_attempts_unfinished ON ordering.checkout_attempts (tenant_id, updated_at, key)
            WHERE state <> 'completed';
        \(tenantPolicy("checkout_attempts"))

        -- A tenant without a row uses OrderSettings.defaults.
        CREATE TABLE ordering.order_settings (
            tenant_id uuid PRIMARY KEY,
            -- The shipping methods as the JSON form of [ShippingRate], in the order offered.
            shipping_rates jsonb NOT NULL,
            tax_rate_basis_points integer NOT NULL CHECK (tax_rate_basis_points BETWEEN 0 AND 10000),
            prices_include_tax boolean NOT NULL,
            taxes_shipping boolean NOT NULL,
            payment_hold_seconds integer NOT NULL CHECK (payment_hold_seconds > 0),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        \(tenantPolicy("order_settings"))
        """
}
