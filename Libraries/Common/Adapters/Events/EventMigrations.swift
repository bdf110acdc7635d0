/// The outbox and processed-events tables that every publishing or consuming service adds to its
/// own schema, through its migrations.
public enum EventMigrations {
    /// SQL creating `<schema>.outbox` and `<schema>.processed_events`, for one migration of the
    /// service. `schema` must be a plain lower-case SQL identifier.
    ///
    /// Both tables carry `tenant_id` but no row policy, as the SQL comments explain. Neither
    /// table is reachable from any API.
    public static func tables(schema: String) -> String {
        """
        -- The transactional outbox: a change and its event commit in one transaction, and the
        -- relay publishes unpublished rows in sequence order. There is no row policy because
        -- the relay reads every tenant's pending rows in one query, outside any tenant.
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
        -- The relay deletes published rows after a day; this index finds them.
        CREATE INDEX outbox_published ON \(schema).outbox (published_at) WHERE published_at IS NOT NULL;

        -- The event ids that each consumer group has handled, written in the handler's own
        -- transaction so a second delivery is skipped. There is no row policy because the
        -- table holds only ids, and the consumer writes it before the handler runs.
        -- NOTE: nothing deletes these rows yet, so the table grows by one row per event and group.
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
