extension OrderMigrations {
    static let maintenance = """
        -- Orders whose stock release found no reservation in the catalog. A reservation request
        -- still in flight could arrive after the release, so the maintenance loop releases these
        -- orders once more for a while before it forgets them.
        CREATE TABLE ordering.stock_release_checks (
            tenant_id uuid NOT NULL,
            order_id uuid NOT NULL,
            released_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, order_id)
        );
        \(tenantPolicy("stock_release_checks"))

        -- The maintenance loop must find the tenants that have due work before it knows any
        -- tenant, so the schema owner may read these tables across tenants, through the function
        -- below only. The application role gets no such policy.
        CREATE POLICY owner_reads_all ON ordering.orders FOR SELECT TO CURRENT_USER USING (true);
        CREATE POLICY owner_reads_all ON ordering.checkout_attempts FOR SELECT TO CURRENT_USER USING (true);
        CREATE POLICY owner_reads_all ON ordering.stock_release_checks FOR SELECT TO CURRENT_USER USING (true);

        -- These two indexes serve that scan across tenants, so they cannot lead with tenant_id.
        CREATE INDEX orders_due_holds ON ordering.orders (hold_expires_at) WHERE status = 'pending_payment';
        CREATE INDEX checkout_attempts_stale ON ordering.checkout_attempts (updated_at)
            WHERE state <> 'completed';

        -- Which order-svc process runs the maintenance loop until expires_at. Platform data without
        -- tenant_id: a process takes the lease when it is free or expired, and renews it each pass.
        CREATE TABLE ordering.maintenance_lease (
            name text PRIMARY KEY,
            holder text NOT NULL,
            expires_at timestamptz NOT NULL
        );
        INSERT INTO ordering.maintenance_lease (name, holder, expires_at) VALUES ('maintenance', '', '-infinity');

        -- Returns the tenants with an expired unpaid order, an order whose stock still needs a
        -- commit or release, a checkout attempt unfinished since before p_stale_before, or a
        -- stock release to check again. It returns ids only, never rows.
        CREATE FUNCTION ordering.tenants_with_due_work(p_now timestamptz, p_stale_before timestamptz)
            RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT tenant_id FROM ordering.orders
                    WHERE status = 'pending_payment' AND hold_expires_at <= p_now
                UNION
                SELECT tenant_id FROM ordering.orders WHERE stock = 'reserved' AND status <> 'pending_payment'
                UNION
                SELECT tenant_id FROM ordering.checkout_attempts
                    WHERE state <> 'completed' AND updated_at < p_stale_before
                UNION
                SELECT tenant_id FROM ordering.stock_release_checks
            $$;
        """
}
