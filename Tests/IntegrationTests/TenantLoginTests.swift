import CommonKernel
import Foundation
import Synchronization
import XCTest

/// tenant-svc runs login, password change and tenant creation on its blocking-handler pool, with
/// four polling threads by default. These requests go through Caddy to the running platform.
final class TenantLoginTests: XCTestCase {
    func testOwnerLogsInEndToEnd() throws {
        let platform = try PlatformHarness.load()
        // createShop creates the tenant, logs the owner in, changes the generated password and
        // logs in again: four requests that each run on the pool.
        let shop = try platform.createShop(prefix: "login")

        let domains = try platform.send(.get, "/api/v1/domains", host: shop.host, token: shop.ownerToken)
        XCTAssertEqual(domains.status, 200, domains.text)
        let wrong = try platform.send(.post, "/api/v1/auth/login", host: shop.host,
                                      json: ["email": shop.ownerEmail, "password": "not the password"])
        XCTAssertEqual(wrong.status, 401, wrong.text)
        XCTAssertEqual(wrong.problemCode, "auth.invalid_credentials")
        XCTAssertNotNil(wrong.headers["X-Request-ID"])
    }

    func testShopResolvesDuringManyLogins() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "busy")
        let loginStatuses = Mutex<[String]>([])
        let currentStatuses = Mutex<[Int]>([])

        // Unknown e-mails cost the same Argon2id hash as a wrong password, and each has its own
        // rate limit, so twelve of them keep the pool busy without tripping the limiter.
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            if index.isMultiple(of: 2) {
                let email = "nobody-\(UUID().uuidString.prefix(8))@\(shop.subdomain).example.com"
                let reply = try? platform.send(.post, "/api/v1/auth/login", host: shop.host,
                                               json: ["email": email, "password": "wrong password"])
                loginStatuses.withLock { $0.append("\(reply?.status ?? 0) \(reply?.problemCode ?? "none")") }
            } else {
                for _ in 0..<5 {
                    let status = (try? platform.send(.get, "/api/v1/tenants/current", host: shop.host).status) ?? 0
                    currentStatuses.withLock { $0.append(status) }
                }
            }
        }

        XCTAssertEqual(loginStatuses.withLock { $0 }, Array(repeating: "401 auth.invalid_credentials", count: 12))
        XCTAssertEqual(currentStatuses.withLock { $0 }, Array(repeating: 200, count: 60))
    }
}
