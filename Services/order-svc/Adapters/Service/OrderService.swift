import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// Wires order-svc: the PostgreSQL store, the catalog client, the HTTP routes, the outbox
/// relay, the payment event consumer and the maintenance loop.
public enum OrderService {
    /// Returns the service's definition. `environment` decides only whether the relay runs
    /// (`ORDER_RELAY`); everything else is read from the runtime's configuration at start-up.
    public static func definition(environment: [String: String]) -> ServiceDefinition {
        let relay = (try? EnvironmentFlag.read("ORDER_RELAY", in: environment)) ?? true
        return ServiceDefinition(
            name: "order-svc", defaultPort: 8103, schema: OrderMigrations.schema, migrations: OrderMigrations.all,
            routes: { runtime, router in try installRoutes(runtime, into: &router) },
            helpText: OrderServiceSettings.help,
            events: EventSettings(
                schema: OrderMigrations.schema, publishes: relay,
                consumers: { runtime in try consumers(runtime) }))
    }

    /// Installs every route and starts the maintenance loop.
    static func installRoutes(_ runtime: ServiceRuntime, into router: inout Router) throws {
        let parts = try OrderComponents(runtime)
        CartRoutes(store: parts.store, catalog: parts.catalog).install(into: &router)
        CheckoutRoutes(placeOrder: parts.placeOrder).install(into: &router)
        let limiter = RedisRateLimiter(redis: runtime.redis, logger: runtime.logger)
        OrderReadRoutes(
            store: parts.store, lookupLimits: OrderLookupLimits(limiter: limiter), timeZones: ZoneInfoDirectory()
        ).install(into: &router)
        OrderActionRoutes(store: parts.store, stock: parts.stock, logger: parts.logger).install(into: &router)
        SettingsRoutes(store: parts.store).install(into: &router)
        OrderMaintenance(components: parts, database: runtime.database).start()
    }

    /// Returns the consumer of payment events in group `order-svc`, or none with `ORDER_CONSUMER=off`.
    static func consumers(_ runtime: ServiceRuntime) throws -> [EventConsumer] {
        let parts = try OrderComponents(runtime)
        guard parts.settings.consumerEnabled else { return [] }
        let handler = PaymentEventHandler(
            stock: parts.stock, tenants: parts.tenants, logger: parts.logger,
            delay: Double(parts.settings.handlerDelayMilliseconds) / 1000)
        return [
            runtime.eventConsumer(
                schema: OrderMigrations.schema, group: "order-svc", types: PaymentEvent.types,
                claimIdle: TimeInterval(parts.settings.eventClaimIdleSeconds)
            ) { envelope, connection in
                try handler.handle(envelope, on: connection)
            }
        ]
    }
}

/// Reads an on/off variable before the runtime exists, with the same rules as `EnvironmentReader`.
enum EnvironmentFlag {
    static func read(_ name: String, in environment: [String: String]) throws -> Bool {
        var reader = EnvironmentReader(environment)
        let value = reader.bool(name, default: true)
        try reader.validate()
        return value
    }
}
