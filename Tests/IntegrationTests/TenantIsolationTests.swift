import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class TenantIsolationTests: XCTestCase {
    func testClientTenantDomainHeaderIsOverwrittenByProxy() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "iso-a"), try platform.createShop(prefix: "iso-b"))
        let reply = try platform.send(.get, "/api/v1/tenants/current", host: a.host, headers: [("X-Tenant-Domain", b.host)])
        XCTAssertEqual(reply.json["subdomain"] as? String, a.subdomain)
    }

    func testTenantIDHeaderWithoutCredentialIsIgnored() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "iso-a"), try platform.createShop(prefix: "iso-b"))
        let reply = try platform.send(.get, "/api/v1/tenants/current", host: a.host, headers: [("X-Tenant-ID", b.id.uuidString)])
        XCTAssertEqual(reply.json["subdomain"] as? String, a.subdomain)
    }

    func testTenantIDHeaderWithOtherShopsTokenIsIgnored() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "iso-a"), try platform.createShop(prefix: "iso-b"))
        let reply = try platform.send(.get, "/api/v1/domains", host: a.host, token: a.ownerToken, headers: [("X-Tenant-ID", b.id.uuidString)])
        XCTAssertEqual(reply.status, 200, reply.text)
        _ = try platform.send(.post, "/api/v1/domains", host: b.host, token: b.ownerToken, json: ["hostname": "\(b.subdomain).example.net"])
        let again = try platform.send(.get, "/api/v1/domains", host: a.host, token: a.ownerToken, headers: [("X-Tenant-ID", b.id.uuidString)])
        XCTAssertFalse(again.text.contains(b.subdomain), "shop A saw shop B's domain: \(again.text)")
    }

    func testPlatformAdminSelectsTenantWithHeader() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "iso-admin")
        let reply = try platform.send(.get, "/api/v1/tenants/current", host: platform.adminHost, token: try platform.adminToken(),
                                      headers: [("X-Tenant-ID", shop.id.uuidString)])
        XCTAssertEqual(reply.json["subdomain"] as? String, shop.subdomain)
    }

    func testTokenOfShopAIsRejectedOnShopB() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "iso-a"), try platform.createShop(prefix: "iso-b"))
        let reply = try platform.send(.get, "/api/v1/domains", host: b.host, token: a.ownerToken)
        XCTAssertEqual(reply.status, 403, reply.text)
        XCTAssertEqual(reply.problemCode, "auth.tenant_mismatch")
    }

    func testOwnerPasswordDoesNotOpenAnotherShop() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "iso-a"), try platform.createShop(prefix: "iso-b"))
        let reply = try platform.send(.post, "/api/v1/auth/login", host: b.host, json: ["email": a.ownerEmail, "password": "whatever-password"])
        XCTAssertEqual(reply.status, 401)
    }

    func testForgedTokenIsRejected() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "iso-forge")
        var parts = shop.ownerToken.split(separator: ".").map(String.init)
        parts[2] = String(parts[2].reversed())
        let reply = try platform.send(.get, "/api/v1/domains", host: shop.host, token: parts.joined(separator: "."))
        XCTAssertEqual(reply.status, 401)
        XCTAssertEqual(reply.problemCode, "auth.invalid_token")
    }

    /// Row-level security as the second wall: an unfiltered query inside tenant A's transaction,
    /// connected as the application role, sees none of tenant B's rows.
    func testUnfilteredQueryUnderRowSecuritySeesOneTenant() throws {
        let platform = try PlatformHarness.load()
        let (a, b) = (try platform.createShop(prefix: "rls-a"), try platform.createShop(prefix: "rls-b"))
        let pool = PostgresPool(url: try platform.variable("COMMERCE_TEST_DATABASE_URL"), size: 1, logger: Logger(label: "test", level: .error))
        defer { pool.close() }

        let tenantsSeen = try pool.withTenantTransaction(a.id) { connection in
            try connection.query("SELECT tenant_id FROM tenant.staff_users").map { try $0.uuid("tenant_id") }
        }
        XCTAssertEqual(Set(tenantsSeen), [a.id])
        XCTAssertFalse(tenantsSeen.contains(b.id))

        let unscoped = try pool.withTransaction { connection in
            try connection.query("SELECT count(*) AS visible FROM tenant.staff_users")[0].int("visible")
        }
        XCTAssertEqual(unscoped, 0, "without app.tenant_id no tenant's rows are visible")

        XCTAssertThrowsError(try pool.withTenantTransaction(a.id) { connection in
            try connection.execute("""
                INSERT INTO tenant.staff_users (id, tenant_id, email, role, password_hash, created_at)
                VALUES ($1, $2, 'intruder@example.com', 'staff', 'x', now())
                """, [UUID(), b.id])
        }, "writing a row of tenant B inside tenant A's transaction must fail")
    }
}
