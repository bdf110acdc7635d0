import FoundationEssentials

/// Stores each tenant's checkout settings: shipping methods, tax and the payment hold.
public protocol OrderSettingsRepository: Sendable {
    /// Returns the tenant's settings, or `OrderSettings.defaults` when none were saved.
    func settings(tenantID: UUID) throws -> OrderSettings

    /// Replaces the tenant's settings.
    func save(_ settings: OrderSettings, tenantID: UUID) throws
}
