import CommonAdapters

// NOTE: this service serves only /health, /ready and /metrics so far; its API is still to come.
ServiceRunner.main(ServiceDefinition(
    name: "catalog-svc", defaultPort: 8102, schema: "catalog", migrations: [],
    routes: { _, _ in }))
