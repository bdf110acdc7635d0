import CommonAdapters
import CommonKernel
import FoundationEssentials
import TenantCore

/// Wires tenant-svc: PostgreSQL repositories, Redis change notices and the HTTP routes.
public enum TenantService {
    public static let definition = ServiceDefinition(
        name: "tenant-svc", defaultPort: 8101, schema: TenantMigrations.schema, migrations: TenantMigrations.all,
        routes: { runtime, router in try installRoutes(runtime, into: &router) },
        seed: { runtime, arguments in try seed(runtime, demo: arguments.contains("--demo")) },
        tenantDirectory: { runtime in Components(runtime).directory },
        startup: { runtime in try ensurePlatformAdmin(runtime) },
        helpText: TenantServiceSettings.help,
        events: EventSettings(schema: TenantMigrations.schema),
        // Tenant resolution is served from memory, and the routes that hash passwords, wait for
        // DNS or call other services are marked blocking, so few polling threads suffice.
        defaultHTTPThreads: 4)

    /// The adapters and use cases of one process.
    struct Components {
        let tenants: PostgresTenantRepository
        let users: PostgresUserRepository
        let domains: PostgresDomainRepository
        let notifier: RedisTenantChangeNotifier
        let runtime: ServiceRuntime

        init(_ runtime: ServiceRuntime) {
            self.runtime = runtime
            tenants = PostgresTenantRepository(database: runtime.database)
            users = PostgresUserRepository(database: runtime.database)
            domains = PostgresDomainRepository(database: runtime.database)
            notifier = RedisTenantChangeNotifier(redis: runtime.redis, local: runtime.tenantChanges, logger: runtime.logger)
        }

        var directory: RepositoryTenantDirectory {
            RepositoryTenantDirectory(tenants: tenants, plans: tenants, domains: domains)
        }

        var createTenant: CreateTenant {
            CreateTenant(tenants: tenants, plans: tenants, hasher: runtime.passwords, notifier: notifier,
                         makePassword: { SecureRandom.token(length: 20) })
        }
    }

    static func installRoutes(_ runtime: ServiceRuntime, into router: inout Router) throws {
        let settings = try TenantServiceSettings(runtime.configuration)
        let parts = Components(runtime)
        let domain = runtime.configuration.domain
        let resolver: any DNSResolver = settings.dnsResolver.hasPrefix("file:")
            ? FileDNSResolver(path: String(settings.dnsResolver.dropFirst(5))) : SystemDNSResolver()

        AuthRoutes(logIn: LogIn(users: parts.users, hasher: runtime.passwords, tokens: runtime.tokens),
                   changePassword: ChangePassword(users: parts.users, hasher: runtime.passwords, revocations: runtime.revocations),
                   limiter: RedisRateLimiter(redis: runtime.redis, logger: runtime.logger))
            .install(into: &router)
        AdminTenantRoutes(
            createTenant: parts.createTenant,
            manage: ManageTenants(tenants: parts.tenants, plans: parts.tenants, domains: parts.domains, notifier: parts.notifier),
            timeZones: ZoneInfoDirectory()
        ).install(into: &router)
        ShopRoutes(
            domains: ManageCustomDomains(domains: parts.domains, resolver: resolver, notifier: parts.notifier,
                                         platformDomain: domain, makeToken: { SecureRandom.token(length: 32) }),
            plans: parts.tenants
        ).install(into: &router)
        InternalRoutes(
            directory: parts.directory,
            approveCertificate: ApproveCertificate(tenants: parts.tenants, domains: parts.domains, platformDomain: domain)
        ).install(into: &router)
        PlatformHealthRoute(services: settings.healthServices, client: UpstreamHTTPClient(timeoutSeconds: 2, logger: runtime.logger))
            .install(into: &router)
    }
}
