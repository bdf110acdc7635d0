import CommonKernel

/// One versioned, append-only schema change.
public struct Migration: Sendable {
    /// The position in the order of migrations, unique within a schema and never reused.
    public var version: Int
    public var name: String
    /// One or more statements without parameters. They run inside a transaction, so they must not
    /// begin or end one, nor use statements such as `CREATE INDEX CONCURRENTLY` that refuse to.
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies a service's migrations to its schema, safely from several processes at once.
///
/// Connect with a role that may create schemas in the database, because that role owns what
/// the migrations create. `appRole` gets only data access, so row-level security applies to it.
public struct PostgresMigrator: Sendable {
    private let url: String
    private let schema: String
    private let appRole: String
    private let logger: Logger

    /// `schema` and `appRole` must be lower-case SQL identifiers (letters, digits, underscores).
    public init(url: String, schema: String, appRole: String, logger: Logger) {
        self.url = url
        self.schema = schema
        self.appRole = appRole
        self.logger = logger
    }

    /// Applies every migration that `<schema>.schema_migrations` does not list yet, in version order,
    /// and returns the versions it applied.
    ///
    /// Holds `pg_advisory_lock(hashtext('migrate:' || schema))` throughout, so a second process
    /// waits and then finds nothing left to apply. Each migration runs in its own transaction
    /// together with its `schema_migrations` row, with `search_path` set to the schema, so
    /// unqualified names land there. Finally grants `appRole` USAGE on the schema,
    /// SELECT, INSERT, UPDATE and DELETE on its tables, and USAGE and SELECT on its sequences,
    /// but only SELECT on `schema_migrations`.
    ///
    /// Throws `AppError(.invalidInput)` for a bad schema or role name or duplicate versions,
    /// and the `PostgresError` of the first migration that fails. Earlier ones stay applied.
    public func migrate(_ migrations: [Migration]) throws -> [Int] {
        try validate(migrations)
        let connection = try PostgresConnection(url: url, logger: logger)
        let lockKey = "migrate:" + schema
        try connection.execute("SELECT pg_advisory_lock(hashtext($1))", [lockKey])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]) }

        try createBookkeeping(on: connection)
        let done = Set(try connection.query("SELECT version FROM \(quoted(schema)).schema_migrations").map { try $0.int("version") })
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) where !done.contains(migration.version) {
            try apply(migration, on: connection)
            applied.append(migration.version)
        }
        try grantAccess(on: connection)
        return applied
    }

    private func createBookkeeping(on connection: PostgresConnection) throws {
        try connection.executeScript("""
            CREATE SCHEMA IF NOT EXISTS \(quoted(schema));
            CREATE TABLE IF NOT EXISTS \(quoted(schema)).schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """)
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) throws {
        try connection.beginTransaction()
        try connection.completeTransaction { connection in
            try connection.execute("SELECT set_config('search_path', $1, true)", [quoted(schema) + ", public"])
            try connection.executeScript(migration.sql)
            try connection.execute(
                "INSERT INTO \(quoted(schema)).schema_migrations (version, name) VALUES ($1, $2)",
                [migration.version, migration.name])
        }
        logger.info("migration applied", ["schema": schema, "version": String(migration.version), "name": migration.name])
    }

    private func grantAccess(on connection: PostgresConnection) throws {
        let schema = quoted(self.schema)
        let role = quoted(appRole)
        try connection.executeScript("""
            GRANT USAGE ON SCHEMA \(schema) TO \(role);
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(schema) TO \(role);
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(schema) TO \(role);
            REVOKE INSERT, UPDATE, DELETE ON \(schema).schema_migrations FROM \(role);
            """)
    }

    private func validate(_ migrations: [Migration]) throws {
        for (field, name) in [("schema", schema), ("app_role", appRole)] where !Self.isPlainIdentifier(name) {
            throw AppError.invalidField(field, "\(name) is not a lower-case SQL identifier (a-z, 0-9, _).")
        }
        let versions = migrations.map(\.version)
        if let duplicate = versions.first(where: { version in versions.filter { $0 == version }.count > 1 }) {
            throw AppError.invalidField("migrations", "version \(duplicate) appears more than once.")
        }
    }

    // Names are checked by `validate`, so quoting only guards against reserved words.
    private func quoted(_ identifier: String) -> String { "\"\(identifier)\"" }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
