import CommonKernel
import Foundation
import XCTest

final class PlatformRoutingTests: XCTestCase {
    func testHealthListsEveryService() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.get, "/api/health", host: platform.host("demo"))
        XCTAssertEqual(reply.status, 200, reply.text)
        let services = reply.json["services"] as? [String: [String: Any]] ?? [:]
        for name in ["tenant-svc", "catalog-svc", "order-svc", "payment-svc", "notify-svc"] {
            XCTAssertEqual(services[name]?["status"] as? String, "ok", "\(name) in \(reply.text)")
        }
    }

    func testNewTenantIsReachableAtOnce() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "fresh")
        let reply = try platform.send(.get, "/api/v1/tenants/current", host: shop.host)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["subdomain"] as? String, shop.subdomain)
        XCTAssertEqual(reply.json["currency"] as? String, "BDT")
        XCTAssertNotNil(reply.json["time_zone"])
        XCTAssertNil(reply.json["plan"], "the public profile hides the plan")
        let id = try XCTUnwrap(reply.json["id"] as? String)
        XCTAssertEqual(id, id.lowercased(), "ids are lowercase, as in the other services")
    }

    /// The services read time zones from the tz database: a shop in New York is created, shows its
    /// zone, and lists orders by its own days, including the day its clocks change.
    func testTenantKeepsItsTimeZone() throws {
        let platform = try PlatformHarness.load()
        let subdomain = "zone-\(UUID().uuidString.prefix(8).lowercased())"
        let email = "owner@\(subdomain).example.com"
        let created = try platform.send(.post, "/api/v1/admin/tenants", host: platform.adminHost, token: try platform.adminToken(), json: [
            "name": "Zone shop", "subdomain": subdomain, "plan": "starter", "admin_email": email,
            "time_zone": "America/New_York",
        ])
        XCTAssertEqual(created.status, 201, created.text)
        let owner = try XCTUnwrap(created.json["owner"] as? [String: Any])
        let password = try XCTUnwrap(owner["one_time_password"] as? String)

        let profile = try platform.send(.get, "/api/v1/tenants/current", host: platform.host(subdomain))
        XCTAssertEqual(profile.json["time_zone"] as? String, "America/New_York", profile.text)

        let token = try platform.ownerToken(subdomain: subdomain, email: email, oneTimePassword: password)
        let orders = try platform.send(
            .get, "/api/v1/orders?created_from=2026-03-08&created_to=2026-03-08", host: platform.host(subdomain), token: token)
        XCTAssertEqual(orders.status, 200, orders.text)
        XCTAssertEqual((orders.json["orders"] as? [Any])?.count, 0, orders.text)
    }

    func testOverlongURIIsProblem414() throws {
        let platform = try PlatformHarness.load()
        let long = try platform.send(.get, "/api/v1/products?q=" + String(repeating: "a", count: 9_000), host: platform.host("demo"))
        XCTAssertEqual(long.status, 414, long.text)
        XCTAssertEqual(long.problemCode, "request.uri_too_long")
        XCTAssertEqual(long.headers["Content-Type"], "application/problem+json")

        let fits = try platform.send(.get, "/api/v1/products?q=" + String(repeating: "a", count: 4_000), host: platform.host("demo"))
        XCTAssertEqual(fits.status, 200, fits.text)
    }

    func testOversizedHeadersAreRejectedByCaddy() throws {
        let platform = try PlatformHarness.load()
        let big = try platform.send(.get, "/api/v1/tenants/current", host: platform.host("demo"),
                                    headers: [("Cookie", "c=" + String(repeating: "a", count: 20_000))])
        XCTAssertEqual(big.status, 431, big.text)
        XCTAssertFalse(big.text.contains("HTTP/1.1"), "the body is not a second response: \(big.text)")

        let fits = try platform.send(.get, "/api/v1/tenants/current", host: platform.host("demo"),
                                     headers: [("Cookie", "c=" + String(repeating: "a", count: 6_000))])
        XCTAssertEqual(fits.status, 200, fits.text)
    }

    func testBareDomainServesDefaultTenant() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.get, "/api/v1/tenants/current", host: platform.domain)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["subdomain"] as? String, "demo")
    }

    func testUnknownHostIsProblem404() throws {
        let platform = try PlatformHarness.load()
        for host in [platform.host("no-such-shop"), "stranger.example.org"] {
            let reply = try platform.send(.get, "/api/v1/tenants/current", host: host)
            XCTAssertEqual(reply.status, 404, host)
            XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json")
            XCTAssertEqual(reply.problemCode, "tenant.not_found")
            XCTAssertNotNil(reply.json["request_id"])
        }
    }

    func testRequestIDIsEchoed() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.get, "/api/v1/plans", host: platform.host("demo"), headers: [("X-Request-ID", "trace-abc-123")])
        XCTAssertEqual(reply.headers["X-Request-ID"], "trace-abc-123")
    }

    func testPlansAreListedWithLimits() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.get, "/api/v1/plans", host: platform.host("demo"))
        let plans = reply.json["data"] as? [[String: Any]] ?? []
        XCTAssertEqual(plans.compactMap { $0["code"] as? String }, ["starter", "professional", "enterprise"])
        XCTAssertEqual(plans.first?["max_products"] as? Int, 100)
        XCTAssertEqual(plans.first?["monthly_price"] as? String, "1500.00")
        XCTAssertEqual(plans.first?["currency"] as? String, "BDT")
    }

    func testUnknownAPIPathIsProblem() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.get, "/api/v9/nothing", host: platform.host("demo"))
        XCTAssertEqual(reply.status, 404)
        XCTAssertTrue(reply.headers["Content-Type"]?.hasPrefix("application/problem+json") ?? false)
    }

    func testInternalRoutesAreNotExposedByTheProxy() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.get, "/internal/tenants/resolve?subdomain=demo", host: platform.host("demo"))
        XCTAssertNotEqual(reply.status, 200)
        XCTAssertFalse(reply.text.contains("max_products"))
    }

    func testSuspendedTenantGetsNoDataUntilReactivated() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "paused")
        let admin = try platform.adminToken()
        XCTAssertEqual(try platform.send(.get, "/api/v1/tenants/current", host: shop.host).status, 200)

        XCTAssertEqual(try platform.send(.post, "/api/v1/admin/tenants/\(shop.id)/suspend", host: platform.adminHost, token: admin).status, 200)
        let suspended = try platform.send(.get, "/api/v1/tenants/current", host: shop.host)
        XCTAssertEqual(suspended.status, 403)
        XCTAssertEqual(suspended.problemCode, "tenant.suspended")

        XCTAssertEqual(try platform.send(.post, "/api/v1/admin/tenants/\(shop.id)/reactivate", host: platform.adminHost, token: admin).status, 200)
        XCTAssertEqual(try platform.send(.get, "/api/v1/tenants/current", host: shop.host).status, 200)
    }

    func testAdminListPagesThroughEveryTenant() throws {
        let platform = try PlatformHarness.load()
        let admin = try platform.adminToken()
        _ = try platform.createShop(prefix: "pager")
        var seen: [String] = []
        var cursor: String?
        repeat {
            let query = cursor.map { "?limit=2&cursor=\($0)" } ?? "?limit=2"
            let page = try platform.send(.get, "/api/v1/admin/tenants\(query)", host: platform.adminHost, token: admin)
            XCTAssertEqual(page.status, 200, page.text)
            seen += (page.json["data"] as? [[String: Any]] ?? []).compactMap { $0["subdomain"] as? String }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil && seen.count < 10_000
        XCTAssertEqual(seen.count, Set(seen).count)
        XCTAssertTrue(seen.contains("demo"))
        XCTAssertTrue(seen.contains("bazaar"))
    }

    func testAdminAPIRejectsShopOwners() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "owner")
        let reply = try platform.send(.get, "/api/v1/admin/tenants", host: platform.adminHost, token: shop.ownerToken)
        XCTAssertEqual(reply.status, 403)
        XCTAssertEqual(try platform.send(.get, "/api/v1/admin/tenants", host: platform.adminHost).status, 401)
    }
}
