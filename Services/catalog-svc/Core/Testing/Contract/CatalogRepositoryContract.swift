import FoundationEssentials

/// The behaviour every set of catalog repositories must show, as checks that any test target
/// can run against its own adapters.
///
/// Run each check on repositories from the factory; a check throws `ContractViolation` (or the
/// adapter's own error) when a promise is broken. Each check makes its own tenant ids, so checks
/// may share one database and run in parallel.
public enum CatalogRepositoryContract {
    /// One named check.
    public struct Check: Sendable {
        public let name: String
        public let run: @Sendable (CatalogRepositories) throws -> Void
    }

    public static var checks: [Check] {
        ProductRepositoryChecks.all + ProductListingChecks.all + InventoryRepositoryChecks.all
            + ReservationChecks.all + ReservationEdgeChecks.all + SaleVariantChecks.all
            + CollectionAndImportJobChecks.all
    }

    /// Runs every check on fresh repositories from `factory` and returns the failures by check name.
    public static func run(_ factory: () throws -> CatalogRepositories) -> [(check: String, error: Error)] {
        var failures: [(String, Error)] = []
        for check in checks {
            do {
                try check.run(try factory())
            } catch {
                failures.append((check.name, error))
            }
        }
        return failures
    }
}
