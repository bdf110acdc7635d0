import CommonKernel
import FoundationEssentials

/// Creates the first platform admin and, on request, the demo shops; safe to run again.
public struct SeedPlatform: Sendable {
    /// A credential created by this run, to be shown once.
    public struct Credential: Sendable {
        public var label: String
        public var email: String
        public var password: String
    }

    let users: any UserRepository
    let tenants: any TenantRepository
    let hasher: any PasswordHasher
    let createTenant: CreateTenant
    let makePassword: @Sendable () -> String

    public init(users: any UserRepository, tenants: any TenantRepository, hasher: any PasswordHasher,
                createTenant: CreateTenant, makePassword: @escaping @Sendable () -> String) {
        self.users = users
        self.tenants = tenants
        self.hasher = hasher
        self.createTenant = createTenant
        self.makePassword = makePassword
    }

    /// Creates the platform admin when none exists, with `adminPassword` or a generated one.
    public func ensurePlatformAdmin(email: String, adminPassword: String?) throws -> Credential? {
        guard try users.platformAdminCount() == 0 else { return nil }
        guard let normalized = EmailAddress.normalize(email) else {
            throw AppError.invalidField("PLATFORM_ADMIN_EMAIL", "must be an e-mail address", code: "invalid_format")
        }
        let password = adminPassword ?? makePassword()
        let admin = PlatformAdmin(id: UUID(), email: normalized, passwordHash: try hasher.hash(password), createdAt: Date())
        try users.createPlatformAdmin(admin)
        return Credential(label: "platform admin", email: normalized, password: password)
    }

    /// Creates each demo shop that does not exist yet and returns its owner's credential.
    public func ensureDemoTenants(_ shops: [CreateTenant.Input]) throws -> [Credential] {
        var created: [Credential] = []
        for shop in shops where try tenants.find(subdomain: shop.subdomain) == nil {
            let output = try createTenant(shop)
            created.append(Credential(label: "owner of \(output.tenant.subdomain)", email: output.owner.email, password: output.oneTimePassword))
        }
        return created
    }
}
