import CommonKernel
import FoundationEssentials

/// Reads variants from catalog-svc for pricing and describing cart lines.
public protocol CatalogGateway: Sendable {
    /// Returns a snapshot for each id that names a live variant of the tenant, in any order.
    /// Ids of unknown or deleted variants are left out rather than reported.
    ///
    /// Throws `AppError(.unavailable)` when the catalog cannot be reached.
    func variants(_ ids: [UUID], tenant: TenantRecord) throws -> [VariantSnapshot]
}
