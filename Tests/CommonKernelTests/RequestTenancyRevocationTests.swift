import CommonKernel
import Foundation
import Synchronization
import XCTest

/// Revocation instants from a dictionary, counting reads.
private final class RecordedRevocations: TokenRevocations {
    private let instants = Mutex<[UUID: Date]>([:])
    private let reads = Mutex(0)
    let failsReads: Bool

    init(failsReads: Bool = false) { self.failsReads = failsReads }

    var readCount: Int { reads.withLock { $0 } }

    func revokeTokens(of userID: UUID, issuedBefore instant: Date) throws {
        instants.withLock { $0[userID] = instant }
    }

    func revocationInstant(of userID: UUID) throws -> Date? {
        reads.withLock { $0 += 1 }
        if failsReads { throw AppError(.unavailable, code: "test.unavailable", detail: "The store is down.") }
        return instants.withLock { $0[userID] }
    }
}

/// Accepts any token and returns the principal named by it.
private struct FixedTokens: TokenService {
    let principal: Principal

    func issue(_ principal: Principal) throws -> String { "fixed" }
    func verify(_ token: String) throws -> Principal { principal }
}

final class RequestTenancyRevocationTests: XCTestCase {
    private let issued = Date(timeIntervalSince1970: 1_796_400_000.25)
    private lazy var principal = Principal(
        userID: UUID(), role: .owner, tenantID: UUID(), email: "owner@shop.test",
        expiresAt: issued.addingTimeInterval(3600), issuedAt: issued)

    private func tenancy(_ revocations: RecordedRevocations) -> RequestTenancy {
        let resolver = TenantResolver(platformDomain: "example.test", defaultSubdomain: "demo",
                                      directory: CountingDirectory(records: []))
        return RequestTenancy(resolver: resolver, tokens: FixedTokens(principal: principal), revocations: revocations)
    }

    private func request(token: String?) -> HTTPRequest {
        var headers = HTTPHeaders()
        if let token { headers["Authorization"] = "Bearer \(token)" }
        return HTTPRequest(method: .get, path: "/api/v1/domains", headers: headers)
    }

    func testRequestWithoutTokenReadsNothing() throws {
        let revocations = RecordedRevocations()

        XCTAssertNil(try tenancy(revocations).authenticate(request(token: nil)))
        XCTAssertEqual(revocations.readCount, 0)
    }

    func testSecondAuthorizationHeaderIsRejected() throws {
        let revocations = RecordedRevocations()
        var doubled = request(token: "t")
        doubled.headers.add("authorization", "Bearer other")

        XCTAssertThrowsError(try tenancy(revocations).authenticate(doubled)) { error in
            XCTAssertEqual((error as? AppError)?.kind, .unauthorized)
            XCTAssertEqual((error as? AppError)?.code, "auth.malformed_header")
            XCTAssertTrue((error as? AppError)?.detail.contains("2 Authorization headers") ?? false, "\(error)")
        }
        XCTAssertEqual(revocations.readCount, 0)
    }

    func testTokenWithoutRevocationIsAccepted() throws {
        let revocations = RecordedRevocations()

        XCTAssertEqual(try tenancy(revocations).authenticate(request(token: "t")), principal)
        XCTAssertEqual(revocations.readCount, 1)
    }

    func testTokenBeforeRevocationIsRejected() throws {
        let revocations = RecordedRevocations()
        try revocations.revokeTokens(of: principal.userID, issuedBefore: issued.addingTimeInterval(0.5))

        XCTAssertThrowsError(try tenancy(revocations).authenticate(request(token: "t"))) { error in
            XCTAssertEqual((error as? AppError)?.kind, .unauthorized)
            XCTAssertEqual((error as? AppError)?.code, "auth.token_revoked")
        }
    }

    func testTokenAfterRevocationIsAccepted() throws {
        let revocations = RecordedRevocations()
        try revocations.revokeTokens(of: principal.userID, issuedBefore: issued.addingTimeInterval(-0.2))

        XCTAssertEqual(try tenancy(revocations).authenticate(request(token: "t")), principal)
    }

    func testOtherUsersRevocationIsIgnored() throws {
        let revocations = RecordedRevocations()
        try revocations.revokeTokens(of: UUID(), issuedBefore: issued.addingTimeInterval(60))

        XCTAssertEqual(try tenancy(revocations).authenticate(request(token: "t")), principal)
    }

    func testStoreErrorPropagates() throws {
        let revocations = RecordedRevocations(failsReads: true)

        XCTAssertThrowsError(try tenancy(revocations).authenticate(request(token: "t"))) { error in
            XCTAssertEqual((error as? AppError)?.code, "test.unavailable")
        }
    }
}
