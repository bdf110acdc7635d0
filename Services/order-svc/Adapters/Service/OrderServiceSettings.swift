import CommonAdapters
import CommonKernel
import FoundationEssentials

/// order-svc's own settings, beyond those every service reads.
struct OrderServiceSettings: Sendable {
    /// catalog-svc's own address for the internal stock and variant API (`CATALOG_SERVICE_URL`).
    var catalogServiceURL: String
    var catalogTimeoutSeconds: Int
    /// Whether `serve` publishes the outbox (`ORDER_RELAY`).
    var relayEnabled: Bool
    /// Whether `serve` consumes payment events (`ORDER_CONSUMER`).
    var consumerEnabled: Bool
    var eventClaimIdleSeconds: Int
    var maintenanceIntervalMilliseconds: Int
    /// How long the payment handler waits before it changes an order, for fault drills only.
    var handlerDelayMilliseconds: Int

    static let help = """
        order-svc environment:
          CATALOG_SERVICE_URL                catalog-svc's own URL for stock and variant calls
                                             (default http://127.0.0.1:8102)
          CATALOG_TIMEOUT_SECONDS            time limit of one catalog call in seconds (default 3)
          ORDER_RELAY                        on or off: publish order events from the outbox (default on)
          ORDER_CONSUMER                     on or off: consume payment events (default on)
          ORDER_EVENT_CLAIM_IDLE_SECONDS     seconds before another consumer takes over a payment event
                                             that its consumer did not acknowledge (default 30)
          ORDER_MAINTENANCE_INTERVAL_MS      pause between runs of the loop that expires unpaid orders,
                                             retries stock calls and recovers checkouts (default 1000)
          ORDER_TEST_HANDLER_DELAY_MS        with APP_ENV=test only: milliseconds the payment handler
                                             waits inside its transaction, so that tests can stop the
                                             process mid-handling (default 0)
        """

    /// Reads the settings; throws `ConfigurationError` naming every invalid variable.
    init(environment: [String: String], mode: ServiceConfiguration.Mode) throws {
        var reader = EnvironmentReader(environment)
        catalogServiceURL = reader.string("CATALOG_SERVICE_URL", default: "http://127.0.0.1:8102")
        catalogTimeoutSeconds = reader.int("CATALOG_TIMEOUT_SECONDS", default: 3, range: 1...60)
        relayEnabled = reader.bool("ORDER_RELAY", default: true)
        consumerEnabled = reader.bool("ORDER_CONSUMER", default: true)
        eventClaimIdleSeconds = reader.int("ORDER_EVENT_CLAIM_IDLE_SECONDS", default: 30, range: 1...3_600)
        maintenanceIntervalMilliseconds = reader.int("ORDER_MAINTENANCE_INTERVAL_MS", default: 1_000, range: 50...60_000)
        let delay = reader.int("ORDER_TEST_HANDLER_DELAY_MS", default: 0, range: 0...600_000)
        if delay > 0, mode != .test { reader.reject("ORDER_TEST_HANDLER_DELAY_MS is accepted only with APP_ENV=test.") }
        handlerDelayMilliseconds = mode == .test ? delay : 0
        try reader.validate()
    }
}
