import CommonKernel
import TenantCore
import XCTest

final class LogInTests: XCTestCase {
    func testOwnerLogsInOnOwnShopOnly() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme")
        let other = try fixture.create("other")
        let plan = InMemoryTenantStore.standardPlans[0]
        let logIn = LogIn(users: fixture.store, hasher: PlainPasswordHasher(), tokens: JSONTokenService())

        let output = try logIn(email: "OWNER@acme.test", password: "generated-password", scope: .tenant(acme.tenant.record(plan: plan)))
        XCTAssertEqual(output.principal.tenantID, acme.tenant.id)
        XCTAssertEqual(output.principal.role, .owner)

        XCTAssertThrowsError(try logIn(email: "owner@acme.test", password: "generated-password", scope: .tenant(other.tenant.record(plan: plan)))) { error in
            XCTAssertEqual((error as? AppError)?.code, "auth.invalid_credentials")
        }
        XCTAssertThrowsError(try logIn(email: "owner@acme.test", password: "generated-password", scope: .platform))
    }

    func testWrongPasswordAndUnknownUserFailAlike() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme")
        let scope = RequestScope.tenant(acme.tenant.record(plan: InMemoryTenantStore.standardPlans[0]))
        let logIn = LogIn(users: fixture.store, hasher: PlainPasswordHasher(), tokens: JSONTokenService())
        for (email, password) in [("owner@acme.test", "wrong"), ("nobody@acme.test", "generated-password")] {
            XCTAssertThrowsError(try logIn(email: email, password: password, scope: scope)) { error in
                XCTAssertEqual((error as? AppError)?.code, "auth.invalid_credentials")
            }
        }
    }

    func testSeedCreatesAdminOnce() throws {
        let fixture = TenantFixture()
        let seed = SeedPlatform(users: fixture.store, tenants: fixture.store, hasher: PlainPasswordHasher(),
                                createTenant: fixture.createTenant, makePassword: { "made" })
        XCTAssertEqual(try seed.ensurePlatformAdmin(email: "root@example.test", adminPassword: nil)?.password, "made")
        XCTAssertNil(try seed.ensurePlatformAdmin(email: "root@example.test", adminPassword: "other"))
        let shops = [CreateTenant.Input(name: "Demo", subdomain: "demo", planCode: "starter", ownerEmail: "o@demo.test")]
        XCTAssertEqual(try seed.ensureDemoTenants(shops).count, 1)
        XCTAssertEqual(try seed.ensureDemoTenants(shops).count, 0)
    }
}
