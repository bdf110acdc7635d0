import FoundationEssentials

/// An `OrderSettingsRepository` over an in-memory transaction.
struct InMemoryOrderSettingsRepository: OrderSettingsRepository {
    let transaction: InMemoryTransaction

    func settings(tenantID: UUID) throws -> OrderSettings {
        try transaction.enter(tenantID)
        return transaction.data.settings ?? .defaults
    }

    func save(_ settings: OrderSettings, tenantID: UUID) throws {
        try transaction.enter(tenantID)
        transaction.data.settings = settings
    }
}
