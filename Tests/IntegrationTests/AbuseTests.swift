import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Inputs and loads a hostile client sends: they get 4xx problems and cannot stall the service.
final class AbuseTests: XCTestCase {
    func testRepeatedLoginFailuresAreRateLimited() throws {
        let platform = try PlatformHarness.load()
        // The limiter counts per wall-clock minute: start early in one so all attempts share it.
        let second = Int(Date().timeIntervalSince1970) % 60
        if second > 45 { Thread.sleep(forTimeInterval: TimeInterval(61 - second)) }
        let shop = try platform.createShop(prefix: "brute")
        var statuses: [Int] = []
        for _ in 0..<12 {
            statuses.append(try platform.send(.post, "/api/v1/auth/login", host: shop.host,
                                              json: ["email": shop.ownerEmail, "password": "guess-\(UUID())"]).status)
        }
        // createShop's own two logins (before and after replacing the generated password) were
        // the first two of the ten attempts allowed in this minute.
        XCTAssertEqual(Array(statuses.prefix(8)), Array(repeating: 401, count: 8))
        XCTAssertEqual(Array(statuses.dropFirst(8)), Array(repeating: 429, count: 4))
        let limited = try platform.send(.post, "/api/v1/auth/login", host: shop.host, json: ["email": shop.ownerEmail, "password": "x"])
        XCTAssertEqual(limited.problemCode, "rate_limit.exceeded")
        XCTAssertNotNil(limited.headers["Retry-After"])
    }

    func testControlCharactersAreRejected() throws {
        let platform = try PlatformHarness.load()
        let body = #"{"name": "a\u0000b", "subdomain": "ctl-shop", "plan": "starter", "admin_email": "x@b.example\u0000zz"}"#
        let reply = try platform.send(.post, "/api/v1/admin/tenants", host: platform.adminHost, token: try platform.adminToken(), body: Array(body.utf8))
        XCTAssertEqual(reply.status, 422, reply.text)
        XCTAssertEqual(Set(reply.fieldNames), ["name", "admin_email"])
    }

    func testNonJSONBodyIs415() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.post, "/api/v1/auth/login", host: platform.adminHost,
                                      headers: [("Content-Type", "text/plain")], body: Array(#"{"email":"a@b.example","password":"x"}"#.utf8))
        XCTAssertEqual(reply.status, 415)
        XCTAssertEqual(reply.problemCode, "request.unsupported_media_type")
    }

    func testCatalogAndOrderRoutesRejectPlainText() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "plain")
        let plain = [("Content-Type", "text/plain")]

        let product = try platform.send(.post, "/api/v1/products", host: shop.host, token: shop.ownerToken, headers: plain,
                                        body: Array(#"{"title":"Tea"}"#.utf8))
        XCTAssertEqual(product.status, 415, product.text)
        XCTAssertEqual(product.problemCode, "request.unsupported_media_type")
        let products = try platform.send(.get, "/api/v1/products", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual((products.json["data"] as? [Any])?.count, 0, products.text)

        let cart = try platform.makeCart(in: shop, variants: [])
        let line = try platform.send(.post, "/api/v1/carts/\(cart.id)/lines", host: shop.host,
                                     headers: plain + [("X-Cart-Token", cart.token)],
                                     body: Array(#"{"variant_id":"00000000-0000-0000-0000-000000000001","quantity":1}"#.utf8))
        XCTAssertEqual(line.status, 415, line.text)
        XCTAssertEqual(line.problemCode, "request.unsupported_media_type")
        let stored = try platform.send(.get, "/api/v1/carts/\(cart.id)", host: shop.host, headers: [("X-Cart-Token", cart.token)])
        XCTAssertEqual((stored.json["lines"] as? [Any])?.count, 0, stored.text)
    }

    func testStatusChangeRejectsBadBodies() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "strict")
        let admin = try platform.adminToken()
        let path = "/api/v1/admin/tenants/\(shop.id)/suspend"
        XCTAssertEqual(try platform.send(.post, path, host: platform.adminHost, token: admin, body: Array("{x".utf8)).status, 422)
        XCTAssertEqual(try platform.send(.post, path, host: platform.adminHost, token: admin, json: ["color": "red"]).status, 422)
        XCTAssertEqual(try platform.send(.get, "/api/v1/tenants/current", host: shop.host).status, 200, "rejected requests change nothing")
        XCTAssertEqual(try platform.send(.post, path, host: platform.adminHost, token: admin, json: ["reason": "unpaid invoice"]).status, 200)
    }

    func testUnknownCurrencyLocaleAndPortsAreRejected() throws {
        let platform = try PlatformHarness.load()
        let reply = try platform.send(.post, "/api/v1/admin/tenants", host: platform.adminHost, token: try platform.adminToken(), json: [
            "name": "Odd", "subdomain": "odd-\(UUID().uuidString.prefix(6).lowercased())", "plan": "starter",
            "admin_email": "o@odd.example", "currency": "QQQ", "locale": "<b>",
        ])
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(Set(reply.fieldNames), ["currency", "locale"])

        let shop = try platform.createShop(prefix: "ports")
        let domain = try platform.send(.post, "/api/v1/domains", host: shop.host, token: shop.ownerToken, json: ["hostname": "x.example:8080"])
        XCTAssertEqual(domain.status, 422)
        XCTAssertEqual(domain.fieldNames, ["hostname"])
    }

    /// A burst of platform health checks must not tie up tenant-svc's workers, because it
    /// reports itself without calling its own port and reuses a result for a second.
    func testHealthBurstLeavesServiceResponsive() throws {
        let platform = try PlatformHarness.load()
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 40) { _ in
            for _ in 0..<5 {
                let status = (try? platform.send(.get, "/api/health", host: platform.host("demo")).status) ?? 0
                statuses.withLock { $0.append(status) }
            }
        }
        let all = statuses.withLock { $0 }
        XCTAssertEqual(all.count, 200)
        XCTAssertEqual(all.filter { $0 == 200 }.count, 200, "statuses: \(Dictionary(grouping: all, by: { $0 }).mapValues(\.count))")
    }
}


final class PasswordChangeTests: XCTestCase {
    func testGeneratedPasswordMustBeReplaced() throws {
        let platform = try PlatformHarness.load()
        let admin = try platform.adminToken()
        let subdomain = "pw-\(UUID().uuidString.prefix(8).lowercased())"
        let created = try platform.send(.post, "/api/v1/admin/tenants", host: platform.adminHost, token: admin, json: [
            "name": "Password Shop", "subdomain": subdomain, "plan": "starter", "admin_email": "owner@\(subdomain).example",
        ])
        let initial = try XCTUnwrap((created.json["owner"] as? [String: Any])?["one_time_password"] as? String)
        let host = platform.host(subdomain)

        let first = try platform.send(.post, "/api/v1/auth/login", host: host, json: ["email": "owner@\(subdomain).example", "password": initial])
        XCTAssertEqual(first.json["password_change_required"] as? Bool, true)
        let token = try XCTUnwrap(first.json["access_token"] as? String)

        let rejected = try platform.send(.get, "/api/v1/domains", host: host, token: token)
        XCTAssertEqual(rejected.status, 403, rejected.text)
        XCTAssertEqual(rejected.problemCode, "auth.password_change_required")
        let drafts = try platform.send(.get, "/api/v1/products?status=draft", host: host, token: token)
        XCTAssertEqual(drafts.problemCode, "auth.password_change_required", "catalog-svc refuses the token too")

        let short = try platform.send(.post, "/api/v1/auth/password", host: host, token: token,
                                      json: ["current_password": initial, "new_password": "short"])
        XCTAssertEqual(short.status, 422)
        XCTAssertEqual(short.fieldNames, ["new_password"])
        let wrong = try platform.send(.post, "/api/v1/auth/password", host: host, token: token,
                                      json: ["current_password": "not-it-at-all", "new_password": "a brand new passphrase"])
        XCTAssertEqual(wrong.status, 403)

        let changed = try platform.send(.post, "/api/v1/auth/password", host: host, token: token,
                                        json: ["current_password": initial, "new_password": "a brand new passphrase"])
        XCTAssertEqual(changed.status, 204, changed.text)
        let old = try platform.send(.post, "/api/v1/auth/login", host: host, json: ["email": "owner@\(subdomain).example", "password": initial])
        XCTAssertEqual(old.status, 401)
        let again = try platform.send(.post, "/api/v1/auth/login", host: host,
                                      json: ["email": "owner@\(subdomain).example", "password": "a brand new passphrase"])
        XCTAssertEqual(again.status, 200)
        XCTAssertEqual(again.json["password_change_required"] as? Bool, false)
        let fresh = try XCTUnwrap(again.json["access_token"] as? String)
        let domains = try platform.send(.get, "/api/v1/domains", host: host, token: fresh)
        XCTAssertEqual(domains.status, 200, domains.text)
    }

    func testPasswordChangeRevokesEarlierTokens() throws {
        let platform = try PlatformHarness.load()
        let subdomain = "revoke-\(UUID().uuidString.prefix(8).lowercased())"
        let email = "owner@\(subdomain).example"
        let created = try platform.send(.post, "/api/v1/admin/tenants", host: platform.adminHost, token: try platform.adminToken(), json: [
            "name": "Revocation Shop", "subdomain": subdomain, "plan": "starter", "admin_email": email,
        ])
        let initial = try XCTUnwrap((created.json["owner"] as? [String: Any])?["one_time_password"] as? String)
        let host = platform.host(subdomain)
        func logIn(_ password: String) throws -> String {
            let login = try platform.send(.post, "/api/v1/auth/login", host: host, json: ["email": email, "password": password])
            XCTAssertEqual(login.status, 200, login.text)
            return try XCTUnwrap(login.json["access_token"] as? String)
        }
        let known = "a known passphrase \(UUID().uuidString)"
        let chosen = "a replaced passphrase \(UUID().uuidString)"
        let setKnown = try platform.send(.post, "/api/v1/auth/password", host: host, token: try logIn(initial),
                                         json: ["current_password": initial, "new_password": known])
        XCTAssertEqual(setKnown.status, 204, setKnown.text)
        let changer = try logIn(known)
        let bystander = try logIn(known)

        let changed = try platform.send(.post, "/api/v1/auth/password", host: host, token: changer,
                                        json: ["current_password": known, "new_password": chosen])
        XCTAssertEqual(changed.status, 204, changed.text)

        let requests: [(String, String)] = [
            ("tenant-svc", "/api/v1/domains"), ("catalog-svc", "/api/v1/products?status=draft"), ("order-svc", "/api/v1/orders"),
        ]
        for (service, path) in requests {
            let revoked = try platform.send(.get, path, host: host, token: bystander)
            XCTAssertEqual(revoked.status, 401, "\(service): \(revoked.text)")
            XCTAssertEqual(revoked.problemCode, "auth.token_revoked", "\(service) rejects a token older than the change")
        }
        let again = try platform.send(.post, "/api/v1/auth/password", host: host, token: changer,
                                      json: ["current_password": chosen, "new_password": "yet another passphrase"])
        XCTAssertEqual(again.problemCode, "auth.token_revoked", "the token that changed the password is revoked too")

        let fresh = try logIn(chosen)
        for (service, path) in requests {
            let accepted = try platform.send(.get, path, host: host, token: fresh)
            XCTAssertEqual(accepted.status, 200, "\(service): \(accepted.text)")
        }
    }
}
