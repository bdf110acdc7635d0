import Foundation
import XCTest

/// `POST /api/v1/auth/password` with a shop's token on a host that serves another shop or the platform.
final class PasswordChangeScopeTests: XCTestCase {
    private struct Owner {
        var host: String
        var email: String
        var password: String
    }

    /// Creates a shop whose owner still has the generated password, returned as `password`.
    private func makePendingOwner(_ platform: PlatformHarness) throws -> Owner {
        let subdomain = "pwscope-\(UUID().uuidString.prefix(8).lowercased())"
        let email = "owner@\(subdomain).example"
        let created = try platform.send(.post, "/api/v1/admin/tenants", host: platform.adminHost, token: try platform.adminToken(), json: [
            "name": "Password Scope Shop", "subdomain": subdomain, "plan": "starter", "admin_email": email,
        ])
        XCTAssertEqual(created.status, 201, created.text)
        let initial = try XCTUnwrap((created.json["owner"] as? [String: Any])?["one_time_password"] as? String)
        return Owner(host: platform.host(subdomain), email: email, password: initial)
    }

    /// Creates a shop and sets its owner's password to a known one.
    private func makeOwner(_ platform: PlatformHarness) throws -> Owner {
        var owner = try makePendingOwner(platform)
        let initial = owner.password
        owner.password = "known passphrase \(UUID().uuidString)"
        let set = try platform.send(.post, "/api/v1/auth/password", host: owner.host, token: try logIn(platform, owner, initial),
                                    json: ["current_password": initial, "new_password": owner.password])
        XCTAssertEqual(set.status, 204, set.text)
        return owner
    }

    private func logIn(_ platform: PlatformHarness, _ owner: Owner, _ password: String) throws -> String {
        let login = try platform.send(.post, "/api/v1/auth/login", host: owner.host, json: ["email": owner.email, "password": password])
        XCTAssertEqual(login.status, 200, login.text)
        return try XCTUnwrap(login.json["access_token"] as? String)
    }

    func testOtherShopsHostIs403() throws {
        let platform = try PlatformHarness.load()
        let owner = try makeOwner(platform)
        let other = try platform.createShop(prefix: "pwscope-other")
        let token = try logIn(platform, owner, owner.password)
        let replacement = "replacement passphrase \(UUID().uuidString)"

        for host in [other.host, platform.host("demo"), platform.adminHost] {
            let reply = try platform.send(.post, "/api/v1/auth/password", host: host, token: token,
                                          json: ["current_password": owner.password, "new_password": replacement])
            XCTAssertEqual(reply.status, 403, "\(host) -> \(reply.text)")
            XCTAssertEqual(reply.problemCode, "auth.tenant_mismatch", host)
        }

        let old = try platform.send(.post, "/api/v1/auth/login", host: owner.host,
                                    json: ["email": owner.email, "password": owner.password])
        XCTAssertEqual(old.status, 200, "the old password still logs in: \(old.text)")
        let new = try platform.send(.post, "/api/v1/auth/login", host: owner.host,
                                    json: ["email": owner.email, "password": replacement])
        XCTAssertEqual(new.status, 401, new.text)

        // The token was not revoked either: it still works on its own shop.
        let domains = try platform.send(.get, "/api/v1/domains", host: owner.host, token: token)
        XCTAssertEqual(domains.status, 200, domains.text)
    }

    func testPendingTokenOnOtherShopIs403() throws {
        let platform = try PlatformHarness.load()
        let owner = try makePendingOwner(platform)
        let initial = owner.password
        let token = try logIn(platform, owner, initial)

        let reply = try platform.send(.post, "/api/v1/auth/password", host: platform.host("demo"), token: token,
                                      json: ["current_password": initial, "new_password": "replacement passphrase"])
        XCTAssertEqual(reply.status, 403, reply.text)
        XCTAssertEqual(reply.problemCode, "auth.tenant_mismatch")
        let login = try platform.send(.post, "/api/v1/auth/login", host: owner.host, json: ["email": owner.email, "password": initial])
        XCTAssertEqual(login.json["password_change_required"] as? Bool, true, login.text)
    }

    func testPlatformAdminPassesScopeCheck() throws {
        let platform = try PlatformHarness.load()
        // A wrong current password stops the change before anything is written, so the shared
        // admin token stays valid. The problem code shows that the request passed the scope check.
        let reply = try platform.send(.post, "/api/v1/auth/password", host: platform.adminHost, token: try platform.adminToken(),
                                      json: ["current_password": "not the admin password", "new_password": "a new admin passphrase"])
        XCTAssertEqual(reply.status, 403, reply.text)
        XCTAssertEqual(reply.problemCode, "auth.current_password_wrong")
    }
}
