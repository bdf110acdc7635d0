import CommonAdapters
import CommonKernel
import FoundationEssentials
import TenantCore

/// The events tenant-svc publishes, written to its outbox in the transaction of the change.
///
/// `tenant.created` and `tenant.updated` carry the tenant's public registry fields; other
/// services drop their cached copy of the tenant when they receive `tenant.updated`.
enum TenantEvents {
    struct Payload: Encodable {
        var id: UUID
        var name: String
        var subdomain: String
        var status: String
        var plan: String
        var change: String
    }

    static func append(_ type: String, _ tenant: Tenant, change: String, on connection: PostgresConnection) throws {
        let payload = Payload(id: tenant.id, name: tenant.name, subdomain: tenant.subdomain,
                              status: tenant.status.rawValue, plan: tenant.planCode, change: change)
        let event = try EventEnvelope(type: type, tenantID: tenant.id, payload: payload)
        try Outbox.append(event, schema: TenantMigrations.schema, on: connection)
    }
}
