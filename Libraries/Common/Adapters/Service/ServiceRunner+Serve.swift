import CommonKernel
import FoundationEssentials

extension ServiceRunner {
    /// Starts the HTTP server, the tenant cache subscriber and the service's event relay and
    /// consumers, then waits for SIGTERM or SIGINT and lets requests in flight finish for up to
    /// 10 seconds.
    static func serve(_ definition: ServiceDefinition, configuration: ServiceConfiguration, logger: Logger) throws {
        // The arena cap comes first, so that every thread started below shares the arenas.
        if !HeapSettings.apply(arenas: configuration.heapArenas) {
            logger.warning("mallopt rejected HEAP_ARENAS; glibc's own arena limit remains in effect", ["arenas": "\(configuration.heapArenas)"])
        }
        if !HeapSettings.apply(retainBytes: configuration.heapRetainBytes) {
            logger.warning("mallopt rejected HEAP_RETAIN_BYTES; glibc's adaptive heap thresholds remain in effect", ["bytes": "\(configuration.heapRetainBytes)"])
        } else if configuration.heapRetainBytes > 0 {
            IdleHeapTrimmer.start(logger: logger)
        }
        let runtime = ServiceRuntime(configuration: configuration, logger: logger)
        let upstream = definition.tenantDirectory?(runtime)
            ?? HTTPTenantDirectory(baseURL: configuration.tenantServiceURL, client: runtime.httpClient)
        let directory = CachingTenantDirectory(
            upstream: upstream, shared: runtime.cache, logger: logger, metrics: runtime.metrics, sharedTTL: 60)
        runtime.tenantChanges.subscribe { id in directory.invalidate(tenantID: id) }
        let subscriber = RedisSubscriber(url: configuration.redisURL, channels: [TenantChangeChannel.name], logger: logger) { _, message in
            guard let id = UUID(uuidString: String(decoding: message, as: UTF8.self)) else { return }
            runtime.tenantChanges.tenantChanged(id)
        }
        let events = try definition.events.map { try EventWorkers(settings: $0, runtime: runtime) }
        let resolver = TenantResolver(platformDomain: configuration.domain, defaultSubdomain: configuration.defaultTenant, directory: directory)

        var router = Router()
        StandardRoutes.install(into: &router, metrics: runtime.metrics, service: definition.name, readiness: runtime.readinessChecks)
        try definition.routes(runtime, &router)

        let server = MicroHTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.host, port: configuration.port,
                threadModel: configuration.threadPerConnection ? .threadPerConnection : .pool(threads: configuration.httpThreads),
                maxBodyBytes: configuration.maxBodyBytes, blockingThreads: configuration.httpBlockingThreads,
                blockingQueueLimit: configuration.httpBlockingQueue),
            router: router, tenancy: RequestTenancy(resolver: resolver, tokens: runtime.tokens, revocations: runtime.revocations),
            metrics: runtime.metrics, logger: logger)
        try definition.startup?(runtime)
        subscriber.start()
        events?.start()
        try server.start()
        if configuration.mode != .production, configuration.jwtSecret == ServiceConfiguration.developmentSecret {
            logger.warning("JWT_SECRET is not set; using the development secret, which must never serve real shops")
        }
        logger.info("service started", ["address": "\(configuration.host):\(server.port)", "mode": configuration.mode.rawValue])

        let signal = ShutdownSignal.wait()
        logger.info("service stopping", ["signal": String(signal)])
        server.shutdown(gracePeriod: 10)
        events?.stop()
        subscriber.stop()
        runtime.database.close()
        logger.info("service stopped")
    }
}
