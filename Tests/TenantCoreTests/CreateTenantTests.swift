import CommonKernel
import TenantCore
import XCTest

final class CreateTenantTests: XCTestCase {
    private func fieldCodes(_ input: CreateTenant.Input, fixture: TenantFixture = TenantFixture()) -> [String: String] {
        do {
            _ = try fixture.createTenant(input)
            XCTFail("expected a validation error")
        } catch let error as AppError {
            return Dictionary(uniqueKeysWithValues: error.fieldErrors.map { ($0.field, $0.code) })
        } catch {
            XCTFail("unexpected error \(error)")
        }
        return [:]
    }

    func testCreatesTenantAndOwner() throws {
        let fixture = TenantFixture()
        let output = try fixture.create("acme")
        XCTAssertEqual(output.tenant.subdomain, "acme")
        XCTAssertEqual(output.tenant.status, .active)
        XCTAssertEqual(output.oneTimePassword, "generated-password")
        XCTAssertEqual(try fixture.store.staff(tenantID: output.tenant.id, email: "owner@acme.test")?.role, .owner)
        XCTAssertEqual(fixture.notifier.changedTenantIDs, [output.tenant.id])
    }

    func testRejectsReservedAndMalformedSubdomains() {
        for (subdomain, code) in [("admin", "reserved"), ("www", "reserved"), ("ab", "invalid_length"),
                                  ("bad_name", "invalid_format"), ("-lead", "invalid_format"), ("xn--abc", "invalid_format")] {
            let codes = fieldCodes(.init(name: "Shop", subdomain: subdomain, planCode: "starter", ownerEmail: "a@b.test"))
            XCTAssertEqual(codes["subdomain"], code, "subdomain \(subdomain)")
        }
    }

    func testNamesEveryBadField() {
        let codes = fieldCodes(.init(name: " ", subdomain: "ok-shop", planCode: "gold", ownerEmail: "not-an-email"))
        XCTAssertEqual(codes["name"], "invalid_length")
        XCTAssertEqual(codes["plan"], "unknown_plan")
        XCTAssertEqual(codes["admin_email"], "invalid_format")
        XCTAssertNil(codes["subdomain"])
    }

    func testTakenSubdomainIsConflict() throws {
        let fixture = TenantFixture()
        _ = try fixture.create("acme")
        XCTAssertThrowsError(try fixture.create("ACME")) { error in
            XCTAssertEqual((error as? AppError)?.kind, .conflict)
            XCTAssertEqual((error as? AppError)?.code, "tenant.subdomain_taken")
        }
    }

    func testListPagesAreStableUnderInserts() throws {
        let fixture = TenantFixture()
        for index in 0..<5 { _ = try fixture.create("shop\(index)") }
        let manage = ManageTenants(tenants: fixture.store, plans: fixture.store, domains: fixture.store, notifier: fixture.notifier)

        let first = try manage.list(PageRequest(limit: 2))
        _ = try fixture.create("late-arrival")
        var seen = first.items.map(\.subdomain)
        var cursor = first.nextCursor
        while let next = cursor {
            let page = try manage.list(try PageRequest(query: ["limit": "2", "cursor": next], fieldCount: 2))
            seen += page.items.map(\.subdomain)
            cursor = page.nextCursor
        }
        XCTAssertEqual(seen.count, Set(seen).count, "no tenant twice")
        XCTAssertEqual(Set(seen), Set((0..<5).map { "shop\($0)" } + ["late-arrival"]))
    }

    func testSuspendNotifiesAndChangesStatus() throws {
        let fixture = TenantFixture()
        let output = try fixture.create("acme")
        let manage = ManageTenants(tenants: fixture.store, plans: fixture.store, domains: fixture.store, notifier: fixture.notifier)
        XCTAssertEqual(try manage.setStatus(id: output.tenant.id, to: .suspended).status, .suspended)
        XCTAssertEqual(fixture.notifier.changedTenantIDs.count, 2)
        XCTAssertThrowsError(try manage.setStatus(id: UUID(), to: .active))
    }
}
