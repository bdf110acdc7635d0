import CommonKernel
import Foundation
import Synchronization

/// Encoded shop profiles, kept per tenant until the tenant record changes, so that the profile
/// every storefront page asks for is served without running a JSON encoder.
final class ShopProfileCache: Sendable {
    private let entries = Mutex<[UUID: (record: TenantRecord, body: [UInt8])]>([:])

    /// Returns the profile's JSON bytes, encoding them only when `tenant` differs from the cached record.
    func body(for tenant: TenantRecord) throws -> [UInt8] {
        if let entry = entries.withLock({ $0[tenant.id] }), entry.record == tenant { return entry.body }
        let body = Array(try JSONCoding.encoder.encode(ShopProfileBody(tenant)))
        entries.withLock { $0[tenant.id] = (tenant, body) }
        return body
    }
}
