extension CatalogMigrations {
    /// Stock per variant, its history, and the reservations that orders hold.
    static let inventory = """
        -- One row per variant, locked with SELECT ... FOR UPDATE in variant id order whenever
        -- stock changes, so concurrent reservations serialize per variant without deadlocks.
        CREATE TABLE catalog.inventory_levels (
            variant_id uuid PRIMARY KEY REFERENCES catalog.variants (id) ON DELETE CASCADE,
            tenant_id uuid NOT NULL,
            available integer NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE INDEX inventory_levels_by_tenant ON catalog.inventory_levels (tenant_id, variant_id);
        \(tenantPolicy("inventory_levels"))

        -- History outlives the variant, so it has no foreign key.
        CREATE TABLE catalog.inventory_movements (
            id bigserial PRIMARY KEY,
            tenant_id uuid NOT NULL,
            variant_id uuid NOT NULL,
            delta integer NOT NULL,
            resulting_quantity integer NOT NULL,
            reason text NOT NULL,
            occurred_at timestamptz NOT NULL
        );
        CREATE INDEX inventory_movements_by_variant ON catalog.inventory_movements (tenant_id, variant_id, id);
        \(tenantPolicy("inventory_movements"))

        CREATE TABLE catalog.reservations (
            tenant_id uuid NOT NULL,
            order_id uuid NOT NULL,
            state text NOT NULL CHECK (state IN ('reserved', 'released', 'committed')),
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, order_id)
        );
        \(tenantPolicy("reservations"))

        CREATE TABLE catalog.reservation_lines (
            tenant_id uuid NOT NULL,
            order_id uuid NOT NULL,
            variant_id uuid NOT NULL,
            quantity integer NOT NULL CHECK (quantity > 0),
            PRIMARY KEY (tenant_id, order_id, variant_id),
            FOREIGN KEY (tenant_id, order_id) REFERENCES catalog.reservations (tenant_id, order_id) ON DELETE CASCADE
        );
        \(tenantPolicy("reservation_lines"))
        """

    /// Import jobs, their listed problems, and the uploaded files that queued jobs still need.
    static let importJobs = """
        CREATE TABLE catalog.import_jobs (
            id uuid PRIMARY KEY,
            tenant_id uuid NOT NULL,
            format text NOT NULL,
            file_name text NOT NULL,
            status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
            rows_total integer NOT NULL,
            rows_done integer NOT NULL,
            products_created integer NOT NULL,
            products_updated integer NOT NULL,
            variants_created integer NOT NULL,
            variants_updated integer NOT NULL,
            error_count integer NOT NULL,
            warning_count integer NOT NULL,
            failure_message text,
            -- Runs that started; a job whose lease ran out while running is retried or failed.
            attempts integer NOT NULL DEFAULT 0,
            lease_expires_at timestamptz,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            finished_at timestamptz
        );
        CREATE INDEX import_jobs_recent ON catalog.import_jobs (tenant_id, created_at DESC, id DESC);
        -- The workers' queue spans tenants, so this index cannot lead with tenant_id.
        CREATE INDEX import_jobs_pending ON catalog.import_jobs (created_at) WHERE status IN ('queued', 'running');
        \(tenantPolicy("import_jobs"))
        -- The schema owner reads every job, so that the function below can find pending jobs of
        -- all tenants. The application role gets no such policy.
        CREATE POLICY owner_reads_all ON catalog.import_jobs FOR SELECT TO CURRENT_USER USING (true);

        -- Returns the ids of jobs waiting to run and of running jobs whose lease expired, oldest first.
        CREATE FUNCTION catalog.pending_import_jobs(p_limit integer)
            RETURNS TABLE (tenant_id uuid, id uuid)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT tenant_id, id FROM catalog.import_jobs
                  WHERE status = 'queued' OR (status = 'running' AND lease_expires_at < now())
                  ORDER BY created_at LIMIT p_limit $$;

        CREATE TABLE catalog.import_job_issues (
            tenant_id uuid NOT NULL,
            job_id uuid NOT NULL REFERENCES catalog.import_jobs (id) ON DELETE CASCADE,
            kind text NOT NULL CHECK (kind IN ('error', 'warning')),
            position integer NOT NULL,
            row_number integer NOT NULL,
            column_name text NOT NULL,
            message text NOT NULL,
            PRIMARY KEY (job_id, kind, position)
        );
        CREATE INDEX import_job_issues_by_job ON catalog.import_job_issues (tenant_id, job_id, kind, position);
        \(tenantPolicy("import_job_issues"))

        -- The uploaded file, kept until its job finishes so that a restart can run it again.
        CREATE TABLE catalog.import_files (
            job_id uuid PRIMARY KEY REFERENCES catalog.import_jobs (id) ON DELETE CASCADE,
            tenant_id uuid NOT NULL,
            content bytea NOT NULL
        );
        CREATE INDEX import_files_by_tenant ON catalog.import_files (tenant_id, job_id);
        \(tenantPolicy("import_files"))
        """
}
