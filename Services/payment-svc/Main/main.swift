import CommonAdapters

// NOTE: this service serves only /health, /ready and /metrics so far; its API is still to come.
ServiceRunner.main(ServiceDefinition(
    name: "payment-svc", defaultPort: 8104, schema: "payment", migrations: [],
    routes: { _, _ in }))
