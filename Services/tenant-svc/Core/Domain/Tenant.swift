import CommonKernel
import FoundationEssentials

/// A shop on the platform.
public struct Tenant: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var subdomain: String
    public var status: TenantRecord.Status
    public var planCode: String
    public var currency: String
    public var locale: String
    public var timeZone: String
    public var createdAt: Date
    public var subscriptionEndsAt: Date?

    public init(
        id: UUID, name: String, subdomain: String, status: TenantRecord.Status, planCode: String,
        currency: String, locale: String, timeZone: String, createdAt: Date, subscriptionEndsAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.subdomain = subdomain
        self.status = status
        self.planCode = planCode
        self.currency = currency
        self.locale = locale
        self.timeZone = timeZone
        self.createdAt = createdAt
        self.subscriptionEndsAt = subscriptionEndsAt
    }

    /// The record other services resolve, with the plan's limits attached.
    public func record(plan: Plan) -> TenantRecord {
        TenantRecord(
            id: id, name: name, subdomain: subdomain, status: status, plan: plan.limits,
            currency: currency, locale: locale, timeZone: timeZone, subscriptionEndsAt: subscriptionEndsAt)
    }
}
