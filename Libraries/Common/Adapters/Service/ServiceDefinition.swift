import CommonKernel
import FoundationEssentials

/// The parts of one service: its name, schema, migrations, routes and optional seed and tenant directory.
/// `ServiceRunner` turns it into a binary with the `serve`, `migrate`, `seed` and `db:ping` commands.
public struct ServiceDefinition: Sendable {
    public var name: String
    public var defaultPort: Int
    /// The number of HTTP polling threads when `HTTP_THREADS` is unset. Routes that block for long
    /// should be marked `blocking` rather than met with more threads.
    public var defaultHTTPThreads: Int
    /// The PostgreSQL schema the service owns; no other service reads it.
    public var schema: String
    public var migrations: [Migration]
    /// Adds the service's routes; called once at start-up, after the standard routes.
    public var routes: @Sendable (ServiceRuntime, inout Router) throws -> Void
    /// Fills the database with start-up data; receives the arguments after `seed`.
    public var seed: (@Sendable (ServiceRuntime, [String]) throws -> Void)?
    /// The tenant directory behind the cache. When nil, tenants are fetched from tenant-svc over HTTP.
    public var tenantDirectory: (@Sendable (ServiceRuntime) -> any TenantDirectory)?
    /// Runs once before `serve` starts listening, for work such as creating the first admin.
    public var startup: (@Sendable (ServiceRuntime) throws -> Void)?
    /// Extra lines for `--help`, such as service-specific variables.
    public var helpText: String
    /// The outbox relay and event consumers that `serve` runs, or nil for a service without events.
    public var events: EventSettings?

    public init(
        name: String, defaultPort: Int, schema: String, migrations: [Migration],
        routes: @escaping @Sendable (ServiceRuntime, inout Router) throws -> Void,
        seed: (@Sendable (ServiceRuntime, [String]) throws -> Void)? = nil,
        tenantDirectory: (@Sendable (ServiceRuntime) -> any TenantDirectory)? = nil,
        startup: (@Sendable (ServiceRuntime) throws -> Void)? = nil,
        helpText: String = "",
        events: EventSettings? = nil,
        defaultHTTPThreads: Int = 16
    ) {
        self.name = name
        self.defaultPort = defaultPort
        self.defaultHTTPThreads = defaultHTTPThreads
        self.schema = schema
        self.migrations = migrations
        self.routes = routes
        self.seed = seed
        self.tenantDirectory = tenantDirectory
        self.startup = startup
        self.helpText = helpText
        self.events = events
    }
}
