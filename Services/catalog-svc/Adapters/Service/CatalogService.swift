import CatalogCore
import CommonAdapters
import CommonKernel
import FoundationEssentials

/// Wires catalog-svc: PostgreSQL repositories behind a Redis read cache whose versions Redis
/// pushes to every process, the import worker and the HTTP routes.
public enum CatalogService {
    /// The body limit that `main` sets when `HTTP_MAX_BODY_BYTES` is unset: 20 MiB, for CSV imports.
    public static let defaultMaxBodyBytes = 20 << 20

    public static let definition = ServiceDefinition(
        name: "catalog-svc", defaultPort: 8102, schema: CatalogMigrations.schema, migrations: CatalogMigrations.all,
        routes: { runtime, router in try installRoutes(runtime, into: &router) },
        seed: { runtime, arguments in try seed(runtime, arguments: arguments) },
        helpText: CatalogServiceSettings.help,
        events: EventSettings(schema: CatalogMigrations.schema, consumers: { runtime in [tenantChangeConsumer(runtime)] }))

    /// Drops a changed tenant from this process's tenant cache when tenant-svc publishes
    /// `tenant.updated`. The Redis notice does the same faster, but it is lost while Redis is away.
    static func tenantChangeConsumer(_ runtime: ServiceRuntime) -> EventConsumer {
        runtime.eventConsumer(schema: CatalogMigrations.schema, types: ["tenant.updated"]) { event, _ in
            runtime.tenantChanges.tenantChanged(event.tenantID)
        }
    }

    /// The adapters of one process. Writes go through repositories that invalidate the public
    /// read cache of their tenant.
    struct Components {
        let settings: CatalogServiceSettings
        let cache: RedisCatalogCache
        let memoryCache: MemoryResponseCache
        let products: any ProductRepository
        let inventory: any InventoryRepository
        let collections: any CollectionRepository
        let importJobs: PostgresImportJobRepository

        init(_ runtime: ServiceRuntime) throws {
            settings = try CatalogServiceSettings(runtime.configuration)
            // A client of its own, sized like the HTTP thread pool, because every public read
            // may use a Redis connection at the same time.
            let redis = RedisClient(
                url: runtime.configuration.redisURL, logger: runtime.logger,
                poolSize: max(4, runtime.configuration.httpThreads))
            memoryCache = MemoryResponseCache(
                maximumEntries: settings.memoryCacheEntries, maximumBytes: settings.memoryCacheBytes,
                ttlSeconds: settings.cacheTTLSeconds, metrics: runtime.metrics)
            // With the cache off no read uses a version, so nothing needs the pushed ones.
            // `installRoutes` starts the feed, because commands such as `seed` serve no reads.
            let feed =
                settings.cacheEnabled
                ? CatalogVersionFeed(
                    redisURL: runtime.configuration.redisURL, memory: memoryCache, logger: runtime.logger,
                    metrics: runtime.metrics)
                : nil
            cache = RedisCatalogCache(
                redis: redis, logger: runtime.logger, ttlSeconds: settings.cacheTTLSeconds,
                isEnabled: settings.cacheEnabled, feed: feed, metrics: runtime.metrics)
            products = CacheInvalidatingProductRepository(
                inner: PostgresProductRepository(database: runtime.database), cache: cache)
            inventory = CacheInvalidatingInventoryRepository(
                inner: PostgresInventoryRepository(database: runtime.database), cache: cache)
            collections = CacheInvalidatingCollectionRepository(
                inner: PostgresCollectionRepository(database: runtime.database), cache: cache)
            importJobs = PostgresImportJobRepository(
                database: runtime.database, leaseSeconds: settings.importLeaseSeconds)
        }

        var importer: ImportShopifyCSV {
            ImportShopifyCSV(products: products, inventory: inventory, jobs: importJobs)
        }

        func importWorker(_ runtime: ServiceRuntime) -> ImportWorker {
            let tenants = CachingTenantDirectory(
                upstream: HTTPTenantDirectory(baseURL: runtime.configuration.tenantServiceURL, client: runtime.httpClient),
                shared: runtime.cache, logger: runtime.logger)
            return ImportWorker(
                jobs: importJobs, importer: importer, tenants: tenants, logger: runtime.logger,
                pollInterval: Double(settings.importPollSeconds), maximumAttempts: settings.importMaxAttempts)
        }
    }

    /// Installs every route and starts the import worker, which the upload route wakes.
    static func installRoutes(_ runtime: ServiceRuntime, into router: inout Router) throws {
        let parts = try Components(runtime)
        parts.cache.feed?.start()
        let publicCache = PublicReadCache(redis: parts.cache, memory: parts.memoryCache)
        ProductReadRoutes(
            products: parts.products, collections: parts.collections, cache: publicCache,
            documents: PublicProductDocuments(database: runtime.database)
        ).install(into: &router)
        startDocumentBackfill(runtime)
        ProductWriteRoutes(products: parts.products).install(into: &router)
        VariantRoutes(products: parts.products).install(into: &router)
        ImageRoutes(products: parts.products).install(into: &router)
        for kind in Collection.Kind.allCases {
            CollectionRoutes(kind: kind, collections: parts.collections, products: parts.products, clock: catalogClock)
                .install(into: &router)
        }
        InventoryRoutes(inventory: parts.inventory).install(into: &router)

        let worker = parts.importWorker(runtime)
        worker.start()
        ImportRoutes(jobs: parts.importJobs, worker: worker, clock: catalogClock).install(into: &router)
        InternalStockRoutes(inventory: parts.inventory).install(into: &router)
        InternalVariantRoutes(inventory: parts.inventory).install(into: &router)
    }

    /// Renders, on a thread of its own, the stored product documents that a migration left
    /// without a body. Public reads use the product rows until it is done.
    static func startDocumentBackfill(_ runtime: ServiceRuntime) {
        let backfill = ProductDocumentBackfill(database: runtime.database, logger: runtime.logger)
        WorkerThread.start(name: "document-backfill") {
            do {
                try backfill.run()
            } catch {
                runtime.logger.error(
                    "rendering stored product documents failed, so public reads build them from the product rows",
                    ["error": String(reflecting: error)])
            }
        }
    }
}
