import CommonAdapters
import CommonKernel
import Foundation
import XCTest

/// A request with two Authorization headers gets a 401 problem from tenant-svc, catalog-svc and
/// order-svc through Caddy, whichever of them carries the valid token.
final class DuplicateAuthorizationTests: XCTestCase {
    func testTwoAuthorizationHeadersAreRejected() throws {
        let platform = try PlatformHarness.load()
        let shop = try platform.createShop(prefix: "two-auth")
        let valid = "Bearer \(shop.ownerToken)"
        let tampered = "Bearer \(shop.ownerToken.dropLast(4))AAAA"
        let paths = ["/api/v1/domains", "/api/v1/products?status=draft", "/api/v1/orders?limit=1"]

        for path in paths {
            let single = try platform.send(.get, path, host: shop.host, headers: [("Authorization", valid)])
            XCTAssertEqual(single.status, 200, "\(path): \(single.text)")

            for pair in [[valid, tampered], [tampered, valid], [valid, valid]] {
                let reply = try platform.send(
                    .get, path, host: shop.host, headers: pair.map { ("Authorization", $0) })
                XCTAssertEqual(reply.status, 401, "\(path): \(reply.text)")
                XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json", path)
                XCTAssertEqual(reply.problemCode, "auth.malformed_header", "\(path): \(reply.text)")
                let detail = reply.json["detail"] as? String ?? ""
                XCTAssertTrue(detail.contains("2 Authorization headers"), "\(path): \(detail)")
            }
        }
    }
}
