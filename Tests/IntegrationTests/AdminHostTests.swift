import CommonKernel
import Foundation
import XCTest

/// The platform admin's routes, served on the admin host only.
final class AdminHostTests: XCTestCase {
    func testAdminRoutesServedOnAdminHostOnly() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "admin-host")
        let token = try platform.adminToken()
        let paths = ["/api/v1/admin/tenants", "/api/v1/admin/tenants/\(shop.id)"]

        for path in paths {
            let onAdmin = try platform.send(.get, path, host: platform.adminHost, token: token)
            XCTAssertEqual(onAdmin.status, 200, "\(path) on the admin host: \(onAdmin.text)")

            let onShop = try platform.send(.get, path, host: shop.host, token: token)
            XCTAssertEqual(onShop.status, 404, "\(path) on a shop's host: \(onShop.text)")
            XCTAssertEqual(onShop.problemCode, "route.platform_only", onShop.text)

            let unknown = "no-such-shop-\(UUID().uuidString.prefix(8).lowercased()).\(platform.domain)"
            let onUnknown = try platform.send(.get, path, host: unknown, token: token)
            XCTAssertEqual(onUnknown.status, 404, "\(path) on an unknown host: \(onUnknown.text)")
            XCTAssertEqual(onUnknown.problemCode, "tenant.not_found", onUnknown.text)

            let selected = try platform.send(
                .get, path, host: platform.adminHost, token: token, headers: [("X-Tenant-ID", shop.id.uuidString)])
            XCTAssertEqual(selected.status, 404, "\(path) with X-Tenant-ID: \(selected.text)")
        }

        // On a shop's host, a suspension is rejected before it changes the tenant.
        let suspend = try platform.send(
            .post, "/api/v1/admin/tenants/\(shop.id)/suspend", host: shop.host, token: token, json: [:])
        XCTAssertEqual(suspend.status, 404, suspend.text)
        XCTAssertEqual(try platform.send(.get, "/api/v1/tenants/current", host: shop.host).status, 200, "the shop was suspended")
    }
}
