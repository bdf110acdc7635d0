import CommonAdapters
import CommonKernel
import FoundationEssentials
import TenantCore

extension TenantService {
    /// The shops `seed --demo` creates.
    static let demoShops = [
        CreateTenant.Input(name: "Demo Shop", subdomain: "demo", planCode: "professional", ownerEmail: "owner@demo.example.com"),
        CreateTenant.Input(name: "Bazaar Dhaka", subdomain: "bazaar", planCode: "starter", ownerEmail: "owner@bazaar.example.com"),
    ]

    static func seeder(_ runtime: ServiceRuntime) -> SeedPlatform {
        let parts = Components(runtime)
        return SeedPlatform(users: parts.users, tenants: parts.tenants, hasher: runtime.passwords,
                            createTenant: parts.createTenant, makePassword: { SecureRandom.token(length: 20) })
    }

    /// Creates the platform admin and, with `demo`, the demo shops; prints new credentials once.
    static func seed(_ runtime: ServiceRuntime, demo: Bool) throws {
        try ensurePlatformAdmin(runtime)
        guard demo else { return }
        for credential in try seeder(runtime).ensureDemoTenants(demoShops) {
            ServiceRunner.output("\(credential.label): \(credential.email) \(credential.password)")
        }
    }

    /// Creates the first platform admin when the database has none and prints its credential once.
    static func ensurePlatformAdmin(_ runtime: ServiceRuntime) throws {
        let settings = try TenantServiceSettings(runtime.configuration)
        guard let credential = try seeder(runtime).ensurePlatformAdmin(
            email: settings.platformAdminEmail, adminPassword: settings.platformAdminPassword) else { return }
        ServiceRunner.output("\(credential.label): \(credential.email) \(credential.password)")
        runtime.logger.info("platform admin created", ["email": credential.email])
    }
}
