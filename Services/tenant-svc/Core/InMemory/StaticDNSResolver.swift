import FoundationEssentials
import Synchronization

/// A DNS resolver whose TXT records are set by the caller; for tests.
public final class StaticDNSResolver: DNSResolver {
    private let records = Mutex<[String: [String]]>([:])

    public init() {}

    public func setTXT(_ name: String, _ values: [String]) {
        records.withLock { $0[name.lowercased()] = values }
    }

    public func txtRecords(_ name: String) throws -> [String] {
        records.withLock { $0[name.lowercased()] ?? [] }
    }
}

/// Counts tenant change notifications; for tests.
public final class RecordingTenantChangeNotifier: TenantChangeNotifier {
    private let changes = Mutex<[UUID]>([])

    public init() {}

    public var changedTenantIDs: [UUID] { changes.withLock { $0 } }

    public func tenantChanged(id: UUID, subdomain: String, hostnames: [String]) {
        changes.withLock { $0.append(id) }
    }
}
