/// The outbox and processed-events tables that every publishing or consuming service adds to its
/// own schema, through its migrations.
public enum EventMigrations {
    /// SQL creating `<schema>.outbox` and `<schema>.processed_events`.
    ///
    /// Both tables carry `tenant_id` but no row policy: the relay reads every tenant's pending
    /// events in one query, and consumers record event ids before they know the handler's tenant.
    /// Neither table is reachable from any API.
    public static func tables(schema: String) -> String {
        """
        CREATE TABLE \(schema).outbox (
            sequence bigserial PRIMARY KEY,
            id uuid NOT NULL UNIQUE,
            type text NOT NULL,
            tenant_id uuid NOT NULL,
            occurred_at timestamptz NOT NULL,
            version integer NOT NULL,
            data jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            published_at timestamptz
        );
        CREATE INDEX outbox_unpublished ON \(schema).outbox (sequence) WHERE published_at IS NULL;

        CREATE TABLE \(schema).processed_events (
            consumer_group text NOT NULL,
            event_id uuid NOT NULL,
            tenant_id uuid NOT NULL,
            processed_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (consumer_group, event_id)
        );
        """
    }
}
