import FoundationEssentials

/// What every service knows about a tenant after resolving a request's host.
public struct TenantRecord: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case active
        case suspended
    }

    public var id: UUID
    public var name: String
    public var subdomain: String
    public var status: Status
    public var plan: PlanLimits
    public var currency: String
    public var locale: String
    public var timeZone: String
    /// The end of the paid period; nil for subscriptions without an end.
    public var subscriptionEndsAt: Date?

    public init(
        id: UUID, name: String, subdomain: String, status: Status, plan: PlanLimits,
        currency: String = "BDT", locale: String = "en-BD", timeZone: String = "Asia/Dhaka",
        subscriptionEndsAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.subdomain = subdomain
        self.status = status
        self.plan = plan
        self.currency = currency
        self.locale = locale
        self.timeZone = timeZone
        self.subscriptionEndsAt = subscriptionEndsAt
    }
}

/// A subscription plan's code and the limits it sets; nil limits mean unlimited.
public struct PlanLimits: Sendable, Codable, Equatable {
    public var code: String
    public var maxProducts: Int?
    public var maxStaff: Int?
    public var maxStorageBytes: Int64?

    public init(code: String, maxProducts: Int?, maxStaff: Int?, maxStorageBytes: Int64?) {
        self.code = code
        self.maxProducts = maxProducts
        self.maxStaff = maxStaff
        self.maxStorageBytes = maxStorageBytes
    }
}

/// Whom a request addresses: the platform itself (admin host) or one tenant.
public enum RequestScope: Sendable, Equatable {
    case platform
    case tenant(TenantRecord)
}
