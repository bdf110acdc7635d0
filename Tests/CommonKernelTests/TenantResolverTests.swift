import CommonKernel
import Foundation
import Synchronization
import XCTest

/// A directory over fixed records that counts how often it is asked.
final class CountingDirectory: TenantDirectory {
    let records: [TenantRecord]
    let domains: [String: UUID]
    private let calls = Mutex(0)

    init(records: [TenantRecord], domains: [String: UUID] = [:]) {
        self.records = records
        self.domains = domains
    }

    var callCount: Int { calls.withLock { $0 } }

    func tenant(customDomain domain: String) throws -> TenantRecord? {
        calls.withLock { $0 += 1 }
        return domains[domain].flatMap { id in records.first { $0.id == id } }
    }

    func tenant(subdomain: String) throws -> TenantRecord? {
        calls.withLock { $0 += 1 }
        return records.first { $0.subdomain == subdomain }
    }

    func tenant(id: UUID) throws -> TenantRecord? {
        calls.withLock { $0 += 1 }
        return records.first { $0.id == id }
    }
}

func makeRecord(_ subdomain: String, status: TenantRecord.Status = .active, endsAt: Date? = nil) -> TenantRecord {
    TenantRecord(id: UUID(), name: subdomain.capitalized, subdomain: subdomain, status: status,
                 plan: PlanLimits(code: "starter", maxProducts: 100, maxStaff: 2, maxStorageBytes: nil),
                 subscriptionEndsAt: endsAt)
}

final class TenantResolverTests: XCTestCase {
    let demo = makeRecord("demo")
    let acme = makeRecord("acme")
    let closed = makeRecord("closed", status: .suspended)
    let lapsed = makeRecord("lapsed", endsAt: Date(timeIntervalSince1970: 0))

    private func resolver() -> TenantResolver {
        let directory = CountingDirectory(records: [demo, acme, closed, lapsed], domains: ["shop.acme.com": acme.id])
        return TenantResolver(platformDomain: "example.test", defaultSubdomain: "demo", directory: directory)
    }

    private func principal(_ role: Role, tenant: UUID?) -> Principal {
        Principal(userID: UUID(), role: role, tenantID: tenant, email: "x@example.test", expiresAt: .distantFuture)
    }

    private func code(_ body: () throws -> RequestScope) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? AppError)?.code
        }
    }

    func testSubdomainResolves() throws {
        XCTAssertEqual(try resolver().resolve(host: "ACME.example.test:8080", tenantIDHeader: nil, principal: nil), .tenant(acme))
    }

    func testCustomDomainResolves() throws {
        XCTAssertEqual(try resolver().resolve(host: "shop.acme.com.", tenantIDHeader: nil, principal: nil), .tenant(acme))
    }

    func testBareDomainIsDefaultTenant() throws {
        XCTAssertEqual(try resolver().resolve(host: "example.test", tenantIDHeader: nil, principal: nil), .tenant(demo))
    }

    func testAdminHostIsPlatform() throws {
        XCTAssertEqual(try resolver().resolve(host: "admin.example.test", tenantIDHeader: nil, principal: nil), .platform)
    }

    func testUnknownHostsAreNotFound() {
        XCTAssertEqual(code { try resolver().resolve(host: "nobody.example.test", tenantIDHeader: nil, principal: nil) }, "tenant.not_found")
        XCTAssertEqual(code { try resolver().resolve(host: "a.acme.example.test", tenantIDHeader: nil, principal: nil) }, "tenant.not_found")
        XCTAssertEqual(code { try resolver().resolve(host: "evil.com", tenantIDHeader: nil, principal: nil) }, "tenant.not_found")
        XCTAssertEqual(code { try resolver().resolve(host: nil, tenantIDHeader: nil, principal: nil) }, "tenant.not_found")
    }

    func testTenantHeaderAloneIsIgnored() throws {
        let scope = try resolver().resolve(host: "demo.example.test", tenantIDHeader: acme.id.uuidString, principal: nil)
        XCTAssertEqual(scope, .tenant(demo))
    }

    func testTenantHeaderWithOtherTenantsTokenIsIgnored() throws {
        let scope = try resolver().resolve(
            host: "demo.example.test", tenantIDHeader: acme.id.uuidString, principal: principal(.owner, tenant: demo.id))
        XCTAssertEqual(scope, .tenant(demo))
    }

    func testTenantHeaderWithMatchingCredentialSelects() throws {
        let owner = try resolver().resolve(
            host: "admin.example.test", tenantIDHeader: acme.id.uuidString, principal: principal(.owner, tenant: acme.id))
        XCTAssertEqual(owner, .tenant(acme))
        let admin = try resolver().resolve(
            host: "admin.example.test", tenantIDHeader: acme.id.uuidString, principal: principal(.platformAdmin, tenant: nil))
        XCTAssertEqual(admin, .tenant(acme))
    }

    func testSuspendedAndExpiredTenantsGetNoData() {
        XCTAssertEqual(code { try resolver().resolve(host: "closed.example.test", tenantIDHeader: nil, principal: nil) }, "tenant.suspended")
        XCTAssertEqual(code { try resolver().resolve(host: "lapsed.example.test", tenantIDHeader: nil, principal: nil) }, "tenant.subscription_expired")
        XCTAssertEqual(HTTPStatus.forErrorKind(.forbidden), 403)
        XCTAssertEqual(HTTPStatus.forErrorKind(.paymentRequired), 402)
    }

    func testPlatformAdminStillReachesSuspendedTenant() throws {
        let scope = try resolver().resolve(host: "closed.example.test", tenantIDHeader: nil, principal: principal(.platformAdmin, tenant: nil))
        XCTAssertEqual(scope, .tenant(closed))
    }
}
