import CommonAdapters

// NOTE: this service serves only /health, /ready and /metrics so far; its API is still to come.
ServiceRunner.main(ServiceDefinition(
    name: "notify-svc", defaultPort: 8105, schema: "notify", migrations: [],
    routes: { _, _ in }))
