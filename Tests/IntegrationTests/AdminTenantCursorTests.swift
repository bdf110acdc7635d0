import CommonKernel
import Foundation
import XCTest

/// Cursors of the platform admin's tenant list whose creation time is outside 1970 to 9999.
final class AdminTenantCursorTests: XCTestCase {
    private func cursor(_ micros: String, _ id: UUID = UUID()) -> String {
        PageRequest.encode([micros, id.uuidString.lowercased()])
    }

    func testOutOfRangeTimestampsAre422() throws {
        let platform = try PlatformHarness.load()
        let token = try platform.adminToken()
        let rejected = [
            "9223372036854775807", "-9223372036854775808", "-1",
            "253402300800000000",  // 10000-01-01T00:00:00Z
            "9223372036854775808",  // one past Int64.max
        ]
        for micros in rejected {
            let reply = try platform.send(
                .get, "/api/v1/admin/tenants?cursor=\(cursor(micros))", host: platform.adminHost, token: token)
            XCTAssertEqual(reply.status, 422, "\(micros) -> \(reply.text)")
            XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json", micros)
            XCTAssertEqual(reply.fieldNames, ["cursor"], micros)
            let codes = (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            XCTAssertEqual(codes, ["invalid_cursor"], micros)
        }

        // The service is still up and the ends of the accepted range page normally.
        for micros in ["0", "253402300799999999"] {
            let reply = try platform.send(
                .get, "/api/v1/admin/tenants?cursor=\(cursor(micros))", host: platform.adminHost, token: token)
            XCTAssertEqual(reply.status, 200, "\(micros) -> \(reply.text)")
        }
    }

    func testNextCursorStillPages() throws {
        let platform = try PlatformHarness.load()
        let token = try platform.adminToken()
        _ = try platform.createShop(prefix: "cursor")
        _ = try platform.createShop(prefix: "cursor")

        let first = try platform.send(.get, "/api/v1/admin/tenants?limit=1", host: platform.adminHost, token: token)
        XCTAssertEqual(first.status, 200, first.text)
        let next = try XCTUnwrap(first.json["next_cursor"] as? String, first.text)
        let second = try platform.send(
            .get, "/api/v1/admin/tenants?limit=1&cursor=\(next)", host: platform.adminHost, token: token)
        XCTAssertEqual(second.status, 200, second.text)
        XCTAssertEqual((second.json["data"] as? [Any])?.count, 1, second.text)
    }
}
