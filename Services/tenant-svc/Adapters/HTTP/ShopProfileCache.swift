import CommonKernel
import FoundationEssentials

/// Encoded shop profiles, kept per tenant until the tenant record changes, so that the profile
/// every storefront page asks for is served without running a JSON encoder.
///
/// Each thread keeps its own copies (`ThreadShardedState`): a single lock around the entries
/// was taken on every profile read and showed up as lock waits in a profile of the benchmark.
final class ShopProfileCache: Sendable {
    private let entries = ThreadShardedState<[UUID: Entry]> { [:] }

    private struct Entry: Sendable {
        var record: TenantRecord
        var body: [UInt8]
    }

    /// Returns the profile's JSON bytes, encoding them only when `tenant` differs from the cached record.
    func body(for tenant: TenantRecord) throws -> [UInt8] {
        if let entry = entries.withCurrent({ $0[tenant.id] }), entry.record == tenant { return entry.body }
        let body = Array(try JSONCoding.encoder.encode(ShopProfileBody(tenant)))
        entries.withCurrent { $0[tenant.id] = Entry(record: tenant, body: body) }
        return body
    }
}
