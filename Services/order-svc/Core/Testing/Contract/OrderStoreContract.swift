import FoundationEssentials

/// An `OrderStore` to check, with a way to read back the events it committed.
public struct OrderStoreUnderTest: Sendable {
    public var store: any OrderStore
    /// Returns the committed events of a tenant, oldest first, as the outbox relay would see them.
    public var events: @Sendable (UUID) throws -> [OrderEvent]

    public init(store: any OrderStore, events: @escaping @Sendable (UUID) throws -> [OrderEvent]) {
        self.store = store
        self.events = events
    }
}

/// The behaviour every `OrderStore` adapter must show, as checks that any test target can run
/// against its own adapter.
///
/// A check throws `OrderContractViolation` (or the adapter's own error) when a promise is
/// broken. Each check makes its own tenant ids, so checks may share one database and run in
/// parallel.
public enum OrderStoreContract {
    /// One named check.
    public struct Check: Sendable {
        public let name: String
        public let run: @Sendable (OrderStoreUnderTest) throws -> Void
    }

    public static var checks: [Check] {
        TransactionChecks.all + OrderRepositoryChecks.all + OrderListingChecks.all + CartAndSettingsChecks.all
            + DiscountChecks.all + IdempotencyChecks.all
    }

    /// Runs every check on a fresh store from `factory` and returns the failures by check name.
    public static func run(_ factory: () throws -> OrderStoreUnderTest) -> [(check: String, error: Error)] {
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

extension InMemoryOrderStore {
    /// The store with its event reader, ready for `OrderStoreContract`.
    public var underTest: OrderStoreUnderTest {
        OrderStoreUnderTest(store: self, events: { [self] tenantID in self.events(tenantID: tenantID) })
    }
}
