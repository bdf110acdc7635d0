import CommonAdapters

/// tenant-svc's schema, append-only: never edit a released migration, add a new one.
public enum TenantMigrations {
    public static let schema = "tenant"

    public static let all: [Migration] = [
        Migration(version: 1, name: "plans_and_tenants", sql: """
            CREATE TABLE tenant.plans (
                code text PRIMARY KEY,
                name text NOT NULL,
                monthly_price_minor bigint NOT NULL CHECK (monthly_price_minor >= 0),
                price_currency char(3) NOT NULL,
                max_products integer CHECK (max_products >= 0),
                max_staff integer CHECK (max_staff >= 0),
                max_storage_bytes bigint CHECK (max_storage_bytes >= 0),
                position integer NOT NULL
            );
            INSERT INTO tenant.plans VALUES
                ('starter', 'Starter', 150000, 'BDT', 100, 2, 1073741824, 1),
                ('professional', 'Professional', 450000, 'BDT', 5000, 10, 10737418240, 2),
                ('enterprise', 'Enterprise', 1500000, 'BDT', NULL, NULL, NULL, 3);

            -- The registry of shops is platform data: it carries no tenant_id and no row policy.
            CREATE TABLE tenant.tenants (
                id uuid PRIMARY KEY,
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
                subdomain text NOT NULL UNIQUE CHECK (subdomain ~ '^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])$'),
                status text NOT NULL CHECK (status IN ('active', 'suspended')),
                plan_code text NOT NULL REFERENCES tenant.plans (code),
                currency char(3) NOT NULL,
                locale text NOT NULL,
                time_zone text NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                subscription_ends_at timestamptz
            );
            CREATE INDEX tenants_created_at_id ON tenant.tenants (created_at, id);

            CREATE TABLE tenant.platform_admins (
                id uuid PRIMARY KEY,
                email text NOT NULL UNIQUE,
                password_hash text NOT NULL,
                created_at timestamptz NOT NULL
            );
            """),
        Migration(version: 2, name: "staff_users_and_domains", sql: """
            CREATE TABLE tenant.staff_users (
                id uuid PRIMARY KEY,
                tenant_id uuid NOT NULL REFERENCES tenant.tenants (id),
                email text NOT NULL,
                role text NOT NULL CHECK (role IN ('owner', 'staff')),
                password_hash text NOT NULL,
                created_at timestamptz NOT NULL,
                UNIQUE (tenant_id, email)
            );
            ALTER TABLE tenant.staff_users ENABLE ROW LEVEL SECURITY;
            ALTER TABLE tenant.staff_users FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON tenant.staff_users
                USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
                WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

            CREATE TABLE tenant.custom_domains (
                id uuid PRIMARY KEY,
                tenant_id uuid NOT NULL REFERENCES tenant.tenants (id),
                hostname text NOT NULL,
                status text NOT NULL CHECK (status IN ('pending', 'active')),
                verification_token text NOT NULL,
                created_at timestamptz NOT NULL,
                verified_at timestamptz,
                UNIQUE (tenant_id, hostname)
            );
            -- Several shops may claim a name while pending; only one can prove and activate it.
            CREATE UNIQUE INDEX custom_domains_active_hostname ON tenant.custom_domains (hostname)
                WHERE status = 'active';
            ALTER TABLE tenant.custom_domains ENABLE ROW LEVEL SECURITY;
            ALTER TABLE tenant.custom_domains FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON tenant.custom_domains
                USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
                WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
            -- The schema owner reads every row, so that the lookup function below can map a host
            -- to its tenant before any tenant is known. The application role gets no such policy.
            CREATE POLICY owner_reads_all ON tenant.custom_domains FOR SELECT TO CURRENT_USER USING (true);

            CREATE FUNCTION tenant.active_domain_tenant(p_hostname text) RETURNS uuid
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
                AS $$ SELECT tenant_id FROM tenant.custom_domains WHERE hostname = p_hostname AND status = 'active' $$;
            """),
        Migration(version: 3, name: "event_tables", sql: EventMigrations.tables(schema: "tenant")),
        Migration(version: 4, name: "staff_must_change_password", sql: """
            ALTER TABLE tenant.staff_users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
            """),
    ]
}
