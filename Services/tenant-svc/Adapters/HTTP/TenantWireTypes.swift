import CommonKernel
import FoundationEssentials
import TenantCore

/// A tenant as the admin API shows it. Ids are lowercase, as in every other service's bodies.
struct TenantBody: Encodable {
    var id: String
    var name: String
    var subdomain: String
    var status: String
    var plan: String
    var currency: String
    var locale: String
    var timeZone: String
    var createdAt: Date
    var subscriptionEndsAt: Date?

    init(_ tenant: Tenant) {
        id = tenant.id.lowercasedString
        name = tenant.name
        subdomain = tenant.subdomain
        status = tenant.status.rawValue
        plan = tenant.planCode
        currency = tenant.currency
        locale = tenant.locale
        timeZone = tenant.timeZone
        createdAt = tenant.createdAt
        subscriptionEndsAt = tenant.subscriptionEndsAt
    }
}

/// The shop profile a storefront needs on every page; public, so it carries no plan or status.
struct ShopProfileBody: Encodable {
    var id: String
    var name: String
    var subdomain: String
    var currency: String
    var locale: String
    var timeZone: String

    init(_ tenant: TenantRecord) {
        id = tenant.id.lowercasedString
        name = tenant.name
        subdomain = tenant.subdomain
        currency = tenant.currency
        locale = tenant.locale
        timeZone = tenant.timeZone
    }
}

struct PlanBody: Encodable {
    var code: String
    var name: String
    var monthlyPrice: String
    var currency: String
    var maxProducts: Int?
    var maxStaff: Int?
    var maxStorageBytes: Int64?

    init(_ plan: Plan) {
        code = plan.code
        name = plan.name
        // Plans are priced in a currency the migrations seed, so an unknown code is a data error.
        // The raw minor units are shown rather than failing the whole list.
        if let currency = try? Currency(code: plan.priceCurrency) {
            monthlyPrice = Money(minorUnits: plan.monthlyPriceMinor, currency: currency).formatted
        } else {
            monthlyPrice = String(plan.monthlyPriceMinor)
        }
        currency = plan.priceCurrency
        maxProducts = plan.limits.maxProducts
        maxStaff = plan.limits.maxStaff
        maxStorageBytes = plan.limits.maxStorageBytes
    }
}

struct DomainBody: Encodable {
    struct Verification: Encodable {
        var type = "TXT"
        var name: String
        var value: String
    }

    var id: String
    var hostname: String
    var status: String
    var verification: Verification
    var createdAt: Date
    var verifiedAt: Date?

    init(_ domain: CustomDomain) {
        id = domain.id.lowercasedString
        hostname = domain.hostname
        status = domain.status.rawValue
        verification = Verification(name: domain.verificationRecordName, value: domain.verificationRecordValue)
        createdAt = domain.createdAt
        verifiedAt = domain.verifiedAt
    }
}

struct ListBody<Item: Encodable>: Encodable {
    var data: [Item]
    var nextCursor: String?

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor
    }
}
