import CommonKernel
import XCTest

@testable import TenantAdapters

/// The public `/api/health` gives the reason a service is unreachable without its internal address.
final class PlatformHealthReasonTests: XCTestCase {
    func testReasonDropsTheAddress() {
        let cases: [(String, String)] = [
            ("Could not reach 10.0.0.5: could not connect (Connection refused).", "could not connect (Connection refused)"),
            ("Could not reach ::1: no complete response within 2000 ms.", "no complete response within 2000 ms"),
            ("Could not reach catalog-svc: Couldn't connect to server.", "Couldn't connect to server"),
        ]
        for (detail, reason) in cases {
            let error = AppError(.unavailable, code: "upstream.unreachable", detail: detail)
            XCTAssertEqual(PlatformHealthRoute.publicReason(error), reason, detail)
        }
    }

    func testOtherErrorsAreUnreachable() {
        XCTAssertEqual(PlatformHealthRoute.publicReason(AppError(.internal, code: "x", detail: "secret 10.0.0.5")), "unreachable")
        XCTAssertEqual(PlatformHealthRoute.publicReason(AppError(.unavailable, code: "x", detail: "Could not reach ")), "unreachable")
    }
}
