import CommonKernel
import FoundationEssentials

/// Creates a shop with its owner account, as a platform admin does.
public struct CreateTenant: Sendable {
    public struct Input: Sendable {
        public var name: String
        public var subdomain: String
        public var planCode: String
        public var ownerEmail: String
        public var currency: String
        public var locale: String
        public var timeZone: String

        public init(name: String, subdomain: String, planCode: String, ownerEmail: String,
                    currency: String = "BDT", locale: String = "en-BD", timeZone: String = "Asia/Dhaka") {
            self.name = name
            self.subdomain = subdomain
            self.planCode = planCode
            self.ownerEmail = ownerEmail
            self.currency = currency
            self.locale = locale
            self.timeZone = timeZone
        }
    }

    /// The new tenant, its owner and the owner's password, which is shown this once only.
    public struct Output: Sendable {
        public var tenant: Tenant
        public var plan: Plan
        public var owner: StaffUser
        public var oneTimePassword: String
    }

    let tenants: any TenantRepository
    let plans: any PlanRepository
    let hasher: any PasswordHasher
    let notifier: any TenantChangeNotifier
    let makePassword: @Sendable () -> String
    let now: @Sendable () -> Date

    public init(tenants: any TenantRepository, plans: any PlanRepository, hasher: any PasswordHasher,
                notifier: any TenantChangeNotifier, makePassword: @escaping @Sendable () -> String,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.tenants = tenants
        self.plans = plans
        self.hasher = hasher
        self.notifier = notifier
        self.makePassword = makePassword
        self.now = now
    }

    public func callAsFunction(_ input: Input) throws -> Output {
        let (subdomain, email, plan) = try validate(input)
        if try tenants.find(subdomain: subdomain) != nil { throw Self.subdomainTaken(subdomain) }

        let created = now().truncatedToMicroseconds
        let tenant = Tenant(
            id: UUID(), name: input.name.trimmingWhitespaceAndNewlines(), subdomain: subdomain,
            status: .active, planCode: plan.code, currency: input.currency, locale: input.locale,
            timeZone: input.timeZone, createdAt: created)
        let password = makePassword()
        let owner = StaffUser(
            id: UUID(), tenantID: tenant.id, email: email, role: .owner,
            passwordHash: try hasher.hash(password), createdAt: created, mustChangePassword: true)

        try tenants.create(tenant, owner: owner)
        notifier.tenantChanged(id: tenant.id, subdomain: tenant.subdomain, hostnames: [])
        return Output(tenant: tenant, plan: plan, owner: owner, oneTimePassword: password)
    }

    private func validate(_ input: Input) throws -> (String, String, Plan) {
        var errors: [FieldError] = []
        let name = input.name.trimmingWhitespaceAndNewlines()
        if name.isEmpty || name.count > 100 {
            errors.append(FieldError(field: "name", message: "must be 1 to 100 characters", code: "invalid_length"))
        }
        var subdomain = ""
        switch Subdomain.validate(input.subdomain) {
        case .success(let label): subdomain = label
        case .failure(let error): errors.append(error)
        }
        let email = EmailAddress.normalize(input.ownerEmail)
        if email == nil {
            errors.append(FieldError(field: "admin_email", message: "must be an e-mail address such as owner@example.com", code: "invalid_format"))
        }
        let plan = try plans.find(code: input.planCode)
        if plan == nil {
            let known = try plans.all().map(\.code).joined(separator: ", ")
            errors.append(FieldError(field: "plan", message: "must be one of: \(known)", code: "unknown_plan"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return (subdomain, email!, plan!)
    }

    public static func subdomainTaken(_ subdomain: String) -> AppError {
        AppError(.conflict, code: "tenant.subdomain_taken",
                 detail: "The subdomain '\(subdomain)' is already taken; choose another.",
                 fieldErrors: [FieldError(field: "subdomain", message: "is already taken", code: "taken")])
    }
}
