import CommonAdapters
import CommonKernel
import FoundationEssentials

/// catalog-svc's own settings, beyond those every service reads.
struct CatalogServiceSettings {
    /// Whether public product reads are served from Redis (`CATALOG_CACHE`).
    var cacheEnabled: Bool
    var cacheTTLSeconds: Int
    var memoryCacheBytes: Int
    var memoryCacheEntries: Int
    var importPollSeconds: Int
    var importLeaseSeconds: Int
    var importMaxAttempts: Int

    static let help = """
        catalog-svc environment:
          CATALOG_CACHE              on or off: serve public product reads from Redis (default on)
          CATALOG_CACHE_TTL_SECONDS  lifetime of a cached public answer in seconds (default 300)
          CATALOG_MEMORY_CACHE_BYTES maximum bytes of response bodies that each process keeps in
                                     memory in front of Redis (default 33554432, 32 MiB)
          CATALOG_MEMORY_CACHE_ENTRIES
                                     maximum responses kept in memory per process (default 4096)
          IMPORT_POLL_SECONDS        how often the import worker looks for queued jobs (default 2)
          IMPORT_LEASE_SECONDS       seconds a running import stays claimed after its last progress save;
                                     after that another worker retries it (default 120)
          IMPORT_MAX_ATTEMPTS        runs of one import before it is marked failed (default 3)
          HTTP_MAX_BODY_BYTES        defaults to 20971520 (20 MiB) for catalog-svc, because
                                     POST /api/v1/imports takes whole CSV files; JSON bodies stay
                                     limited to 1 MiB
        """

    init(_ configuration: ServiceConfiguration) throws {
        var reader = EnvironmentReader(configuration.environment)
        cacheEnabled = reader.bool("CATALOG_CACHE", default: true)
        cacheTTLSeconds = reader.int("CATALOG_CACHE_TTL_SECONDS", default: 300, range: 1...86_400)
        memoryCacheBytes = reader.int("CATALOG_MEMORY_CACHE_BYTES", default: 32 << 20, range: 1...(1 << 40))
        memoryCacheEntries = reader.int("CATALOG_MEMORY_CACHE_ENTRIES", default: 4096, range: 1...10_000_000)
        importPollSeconds = reader.int("IMPORT_POLL_SECONDS", default: 2, range: 1...3_600)
        importLeaseSeconds = reader.int("IMPORT_LEASE_SECONDS", default: 120, range: 10...86_400)
        importMaxAttempts = reader.int("IMPORT_MAX_ATTEMPTS", default: 3, range: 1...100)
        try reader.validate()
    }
}
