import CommonKernel
import TenantCore
import XCTest

final class CustomDomainTests: XCTestCase {
    private let plan = InMemoryTenantStore.standardPlans[0]

    func testDomainActivatesOnlyWithTheTXTRecord() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme").tenant.record(plan: plan)
        let domain = try fixture.domains.add(tenant: acme, hostname: "Shop.Acme.COM")
        XCTAssertEqual(domain.hostname, "shop.acme.com")
        XCTAssertEqual(domain.status, .pending)

        XCTAssertThrowsError(try fixture.domains.verify(tenant: acme, id: domain.id)) { error in
            XCTAssertEqual((error as? AppError)?.code, "domain.verification_failed")
        }
        fixture.dns.setTXT("_commerce-verify.shop.acme.com", ["unrelated", "commerce-verify=token123"])
        XCTAssertEqual(try fixture.domains.verify(tenant: acme, id: domain.id).status, .active)
        XCTAssertEqual(try fixture.store.activeTenantID(hostname: "shop.acme.com"), acme.id)
    }

    func testIDNDomainIsStoredInPunycode() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme").tenant.record(plan: plan)
        XCTAssertEqual(try fixture.domains.add(tenant: acme, hostname: "bücher.example").hostname, "xn--bcher-kva.example")
    }

    func testBadHostnamesAreRejected() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme").tenant.record(plan: plan)
        for hostname in ["localhost", "10.0.0.1", "shop.example.test", "bad_name.com", ""] {
            XCTAssertThrowsError(try fixture.domains.add(tenant: acme, hostname: hostname), hostname) { error in
                XCTAssertEqual((error as? AppError)?.fieldErrors.first?.field, "hostname")
            }
        }
    }

    func testOtherTenantCannotVerifyOrSeeTheDomain() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme").tenant.record(plan: plan)
        let rival = try fixture.create("rival").tenant.record(plan: plan)
        let domain = try fixture.domains.add(tenant: acme, hostname: "shop.acme.com")
        XCTAssertThrowsError(try fixture.domains.verify(tenant: rival, id: domain.id)) { error in
            XCTAssertEqual((error as? AppError)?.kind, .notFound)
        }
        XCTAssertTrue(try fixture.domains.list(tenant: rival).isEmpty)
    }

    func testSecondActivationOfSameHostnameConflicts() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme").tenant.record(plan: plan)
        let rival = try fixture.create("rival").tenant.record(plan: plan)
        fixture.dns.setTXT("_commerce-verify.shop.acme.com", ["commerce-verify=token123"])
        _ = try fixture.domains.verify(tenant: acme, id: try fixture.domains.add(tenant: acme, hostname: "shop.acme.com").id)
        let copy = try fixture.domains.add(tenant: rival, hostname: "shop.acme.com")
        XCTAssertThrowsError(try fixture.domains.verify(tenant: rival, id: copy.id)) { error in
            XCTAssertEqual((error as? AppError)?.code, "domain.taken")
        }
    }

    func testCertificateApproval() throws {
        let fixture = TenantFixture()
        let acme = try fixture.create("acme").tenant.record(plan: plan)
        _ = try fixture.create("closed")
        let closed = try fixture.store.find(subdomain: "closed")!
        _ = try fixture.store.updateStatus(id: closed.id, status: .suspended)
        _ = try fixture.domains.add(tenant: acme, hostname: "pending.acme.com")
        fixture.dns.setTXT("_commerce-verify.shop.acme.com", ["commerce-verify=token123"])
        _ = try fixture.domains.verify(tenant: acme, id: try fixture.domains.add(tenant: acme, hostname: "shop.acme.com").id)

        let approve = ApproveCertificate(tenants: fixture.store, domains: fixture.store, platformDomain: "example.test")
        XCTAssertTrue(try approve(domain: "acme.example.test"))
        XCTAssertTrue(try approve(domain: "shop.acme.com"))
        XCTAssertTrue(try approve(domain: "admin.example.test"))
        XCTAssertFalse(try approve(domain: "pending.acme.com"))
        XCTAssertFalse(try approve(domain: "closed.example.test"))
        XCTAssertFalse(try approve(domain: "ghost.example.test"))
        XCTAssertFalse(try approve(domain: "random-stranger.org"))
        XCTAssertFalse(try approve(domain: "not a host"))
    }
}
