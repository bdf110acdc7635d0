import CommonAdapters
import CommonKernel
import XCTest

@testable import TenantAdapters

/// The public `/api/health` gives the reason a service is unreachable without its internal address.
final class PlatformHealthReasonTests: XCTestCase {
    func testReasonDropsTheAddress() {
        let cases: [(host: String, reason: String)] = [
            ("10.0.0.5", "could not connect (Connection refused)"),
            ("::1", "no complete response within 2000 ms"),
            ("catalog-svc", "Couldn't connect to server"),
        ]
        for (host, reason) in cases {
            let error = AppError.upstreamUnreachable(host: host, reason: reason)
            XCTAssertTrue(error.detail.contains(host), error.detail)
            XCTAssertEqual(PlatformHealthRoute.publicReason(error), reason, error.detail)
        }
    }

    func testOtherErrorsAreUnreachable() {
        XCTAssertEqual(PlatformHealthRoute.publicReason(AppError(.internal, code: "x", detail: "secret 10.0.0.5")), "unreachable")
        XCTAssertEqual(
            PlatformHealthRoute.publicReason(AppError(.unavailable, code: "upstream.unreachable", detail: "Could not reach ")),
            "unreachable")
        XCTAssertEqual(PlatformHealthRoute.publicReason(AppError.upstreamUnreachable(host: "h", reason: "")), "unreachable")
    }
}
