import CommonAdapters

// NOTE: this service serves only /health, /ready and /metrics so far; its API is still to come.
ServiceRunner.main(ServiceDefinition(
    name: "order-svc", defaultPort: 8103, schema: "ordering", migrations: [],
    routes: { _, _ in }))
