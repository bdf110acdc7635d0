extension OrderMigrations {
    static let orders = """
        CREATE TABLE ordering.orders (
            tenant_id uuid NOT NULL,
            id uuid NOT NULL,
            number integer NOT NULL,
            status text NOT NULL CHECK (status IN (
                'pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded', 'partially_refunded')),
            email text NOT NULL,
            -- The address in lower case, which listings filter on.
            email_key text NOT NULL,
            customer_id uuid,
            cart_id uuid NOT NULL,
            currency char(3) NOT NULL,
            subtotal_minor bigint NOT NULL,
            discount_minor bigint NOT NULL,
            shipping_minor bigint NOT NULL,
            tax_minor bigint NOT NULL,
            total_minor bigint NOT NULL,
            tax_included boolean NOT NULL,
            shipping_code text,
            shipping_name text,
            shipping_charge_minor bigint,
            discount_code text,
            access_token text NOT NULL,
            stock text NOT NULL CHECK (stock IN ('reserved', 'committed', 'released')),
            hold_expires_at timestamptz NOT NULL,
            tracking_number text,
            carrier text,
            fulfilled_at timestamptz,
            placed_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            version integer NOT NULL,
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, number)
        );
        CREATE INDEX orders_by_status ON ordering.orders (tenant_id, status, number);
        CREATE INDEX orders_by_email ON ordering.orders (tenant_id, email_key, number);
        CREATE INDEX orders_by_placed_at ON ordering.orders (tenant_id, placed_at);
        CREATE INDEX orders_unpaid_holds ON ordering.orders (tenant_id, hold_expires_at)
            WHERE status = 'pending_payment';
        CREATE INDEX orders_pending_stock ON ordering.orders (tenant_id, number)
            WHERE stock = 'reserved' AND status <> 'pending_payment';
        \(tenantPolicy("orders"))

        -- The next number per tenant. Taking one updates the row, which stays locked until the
        -- order's transaction ends, so numbers are consecutive and a rollback returns its number.
        CREATE TABLE ordering.order_counters (
            tenant_id uuid PRIMARY KEY,
            next integer NOT NULL
        );
        \(tenantPolicy("order_counters"))
        """

    static let orderDetails = """
        CREATE TABLE ordering.order_lines (
            tenant_id uuid NOT NULL,
            order_id uuid NOT NULL,
            position integer NOT NULL,
            variant_id uuid NOT NULL,
            product_id uuid NOT NULL,
            title text NOT NULL,
            variant_title text NOT NULL,
            sku text NOT NULL,
            unit_price_minor bigint NOT NULL,
            quantity integer NOT NULL CHECK (quantity > 0),
            line_total_minor bigint NOT NULL,
            weight_grams integer NOT NULL,
            requires_shipping boolean NOT NULL,
            taxable boolean NOT NULL,
            PRIMARY KEY (tenant_id, order_id, position),
            FOREIGN KEY (tenant_id, order_id) REFERENCES ordering.orders (tenant_id, id) ON DELETE CASCADE
        );
        \(tenantPolicy("order_lines"))

        CREATE TABLE ordering.order_addresses (
            tenant_id uuid NOT NULL,
            order_id uuid NOT NULL,
            kind text NOT NULL CHECK (kind IN ('shipping', 'billing')),
            name text NOT NULL,
            line1 text NOT NULL,
            line2 text,
            city text NOT NULL,
            district text,
            postcode text,
            country char(2) NOT NULL,
            phone text NOT NULL,
            PRIMARY KEY (tenant_id, order_id, kind),
            FOREIGN KEY (tenant_id, order_id) REFERENCES ordering.orders (tenant_id, id) ON DELETE CASCADE
        );
        \(tenantPolicy("order_addresses"))

        -- Who changed what and when, in order; rows are only ever appended.
        CREATE TABLE ordering.order_history (
            tenant_id uuid NOT NULL,
            order_id uuid NOT NULL,
            position integer NOT NULL,
            kind text NOT NULL,
            -- 'system', 'customer' or a staff user's id.
            actor text NOT NULL,
            occurred_at timestamptz NOT NULL,
            from_status text,
            to_status text NOT NULL,
            message text,
            PRIMARY KEY (tenant_id, order_id, position),
            FOREIGN KEY (tenant_id, order_id) REFERENCES ordering.orders (tenant_id, id) ON DELETE CASCADE
        );
        \(tenantPolicy("order_history"))

        -- Payments, failures and refunds reported by payment-svc, once per provider reference.
        CREATE TABLE ordering.order_payments (
            tenant_id uuid NOT NULL,
            order_id uuid NOT NULL,
            position integer NOT NULL,
            kind text NOT NULL CHECK (kind IN ('payment', 'failure', 'refund')),
            reference text NOT NULL,
            amount_minor bigint,
            occurred_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, order_id, position),
            UNIQUE (tenant_id, order_id, kind, reference),
            FOREIGN KEY (tenant_id, order_id) REFERENCES ordering.orders (tenant_id, id) ON DELETE CASCADE
        );
        \(tenantPolicy("order_payments"))
        """
}
