import CommonAdapters
import CommonKernel
import FoundationEssentials
import OrderCore

/// The adapters of one order-svc process, built from its runtime.
struct OrderComponents: Sendable {
    let settings: OrderServiceSettings
    let logger: Logger
    let store: PostgresOrderStore
    let catalog: HTTPCatalogGateway
    let stock: HTTPStockGateway
    let releaseChecks: PostgresStockReleaseChecks
    let tenants: CachingTenantDirectory

    init(_ runtime: ServiceRuntime) throws {
        let configuration = runtime.configuration
        settings = try OrderServiceSettings(environment: configuration.environment, mode: configuration.mode)
        logger = runtime.logger
        store = PostgresOrderStore(database: runtime.database)
        let client = CatalogServiceClient(
            baseURL: settings.catalogServiceURL, tokens: runtime.tokens, logger: runtime.logger,
            timeoutSeconds: Double(settings.catalogTimeoutSeconds))
        catalog = HTTPCatalogGateway(client: client)
        let releaseChecks = PostgresStockReleaseChecks(database: runtime.database, logger: runtime.logger)
        self.releaseChecks = releaseChecks
        stock = HTTPStockGateway(client: client) { orderID, tenantID in
            releaseChecks.record(orderID: orderID, tenantID: tenantID)
        }
        tenants = CachingTenantDirectory(
            upstream: HTTPTenantDirectory(baseURL: configuration.tenantServiceURL, client: runtime.httpClient),
            shared: runtime.cache, logger: runtime.logger)
    }

    var placeOrder: PlaceOrder {
        PlaceOrder(store: store, catalog: catalog, stock: stock, logger: logger)
    }
}
