import CommonAdapters
import CommonKernel
import Foundation
import XCTest

final class TokenServiceTests: XCTestCase {
    private let secret = Array("an-hs256-test-secret-of-32-bytes!".utf8)
    private let issuedAt = Date(timeIntervalSince1970: 1_700_000_000)
    private let tenantID = UUID()
    private let userID = UUID()

    private func service(secret: [UInt8]? = nil, issuer: String = "commerce", at date: Date? = nil) -> HMACTokenService {
        let now = date ?? issuedAt
        return HMACTokenService(secret: secret ?? self.secret, issuer: issuer, now: { now })
    }

    private func ownerPrincipal(validFor seconds: TimeInterval = 3600) -> Principal {
        Principal(
            userID: userID, role: .owner, tenantID: tenantID, email: "owner@shop.example",
            expiresAt: issuedAt.addingTimeInterval(seconds), issuedAt: issuedAt)
    }

    private func assertRejected(
        _ token: String, by verifier: HMACTokenService? = nil, code: String = "auth.invalid_token",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try (verifier ?? service()).verify(token), file: file, line: line) { error in
            guard let appError = error as? AppError else {
                return XCTFail("expected AppError, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(appError.kind, .unauthorized, file: file, line: line)
            XCTAssertEqual(appError.code, code, file: file, line: line)
            if !token.isEmpty {
                XCTAssertFalse(appError.detail.contains(token), "the detail must not echo the token", file: file, line: line)
            }
        }
    }

    /// Builds a token from raw header and claims JSON, signed with `key`.
    private func signedToken(header: String, claims: String, key: [UInt8]? = nil) -> String {
        let input = base64URL(Array(header.utf8)) + "." + base64URL(Array(claims.utf8))
        return input + "." + base64URL(Digest.hmacSHA256(key: key ?? secret, message: Array(input.utf8)))
    }

    private func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private func claimsJSON(role: String = "owner", tid: String? = nil, exp: Int = 1_700_003_600, iss: String = "commerce") -> String {
        let tenant = tid.map { #","tid":"\#($0)""# } ?? ""
        return #"{"sub":"\#(userID.uuidString)","role":"\#(role)"\#(tenant),"email":"a@b.example","iat":1700000000,"exp":\#(exp),"iss":"\#(iss)"}"#
    }

    func testRoundTripKeepsEveryClaim() throws {
        let principal = ownerPrincipal()
        let token = try service().issue(principal)

        XCTAssertEqual(token.split(separator: ".").count, 3)
        XCTAssertEqual(try service().verify(token), principal)
    }

    func testIssueTimeDefaultsToNowInMilliseconds() throws {
        let now = issuedAt.addingTimeInterval(0.1237)
        var principal = ownerPrincipal()
        principal.issuedAt = nil
        let verified = try service(at: now).verify(try service(at: now).issue(principal))

        let verifiedTime = try XCTUnwrap(verified.issuedAt)
        XCTAssertEqual(TokenRevocationRule.milliseconds(verifiedTime), 1_700_000_000_124)
    }

    func testIssueTimeSurvivesRoundTripExactly() throws {
        // Millisecond counts whose Double quotient by 1000 is not exact must come back unchanged.
        for offset in [1, 3, 7, 123, 999] {
            var principal = ownerPrincipal()
            principal.issuedAt = Date(timeIntervalSince1970: Double(1_796_400_000_000 + offset) / 1000)
            let verified = try service().verify(try service().issue(principal))

            let verifiedTime = try XCTUnwrap(verified.issuedAt)
            XCTAssertEqual(TokenRevocationRule.milliseconds(verifiedTime), 1_796_400_000_000 + Int64(offset))
        }
    }

    func testWholeSecondIssueTimeIsAccepted() throws {
        let token = signedToken(header: #"{"alg":"HS256","typ":"JWT"}"#, claims: claimsJSON(tid: tenantID.uuidString))
        let verified = try service().verify(token)

        XCTAssertEqual(verified.issuedAt, issuedAt)
    }

    func testPlatformAdminTokenOmitsTenant() throws {
        let admin = Principal(
            userID: userID, role: .platformAdmin, tenantID: nil, email: "admin@platform.example",
            expiresAt: issuedAt.addingTimeInterval(60), issuedAt: issuedAt)
        let token = try service().issue(admin)
        let payload = try XCTUnwrap(Data(base64Encoded: paddedBase64(String(token.split(separator: ".")[1]))))

        XCTAssertFalse(String(decoding: payload, as: UTF8.self).contains("tid"))
        XCTAssertEqual(try service().verify(token), admin)
    }

    func testPendingPasswordChangeSurvivesTheRoundTrip() throws {
        var principal = ownerPrincipal()
        principal.passwordChangeRequired = true
        let token = try service().issue(principal)
        XCTAssertTrue(try service().verify(token).passwordChangeRequired)

        let ordinary = try service().issue(ownerPrincipal())
        let payload = try XCTUnwrap(Data(base64Encoded: paddedBase64(String(ordinary.split(separator: ".")[1]))))
        XCTAssertFalse(String(decoding: payload, as: UTF8.self).contains("pwc"), "the claim is left out when false")
        XCTAssertFalse(try service().verify(ordinary).passwordChangeRequired)
    }

    private func paddedBase64(_ text: String) -> String {
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return standard + String(repeating: "=", count: (4 - standard.count % 4) % 4)
    }

    func testHeaderIsHS256JWT() throws {
        let token = try service().issue(ownerPrincipal())
        let header = try XCTUnwrap(Data(base64Encoded: paddedBase64(String(token.split(separator: ".")[0]))))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: header) as? [String: String])

        XCTAssertEqual(object, ["alg": "HS256", "typ": "JWT"])
    }

    func testTamperedPayloadIsRejected() throws {
        let token = try service().issue(ownerPrincipal())
        let parts = token.split(separator: ".").map(String.init)
        let forgedClaims = base64URL(Array(claimsJSON(role: "platform_admin").utf8))

        assertRejected([parts[0], forgedClaims, parts[2]].joined(separator: "."))
    }

    func testFlippedSignatureByteIsRejected() throws {
        let token = try service().issue(ownerPrincipal())
        var parts = token.split(separator: ".").map(String.init)
        let first = parts[2].first == "A" ? "B" : "A"
        parts[2] = first + parts[2].dropFirst()

        assertRejected(parts.joined(separator: "."))
    }

    func testWrongKeyIsRejected() throws {
        let token = try service(secret: Array("another-secret-of-thirty-two-bytes".utf8)).issue(ownerPrincipal())
        assertRejected(token)
    }

    func testAlgorithmNoneIsRejected() {
        let claims = base64URL(Array(claimsJSON(tid: tenantID.uuidString).utf8))
        let header = base64URL(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))

        assertRejected(header + "." + claims + ".")
        assertRejected(signedToken(header: #"{"alg":"none","typ":"JWT"}"#, claims: claimsJSON(tid: tenantID.uuidString)))
    }

    func testOtherAlgorithmsAreRejectedEvenWhenSigned() {
        for algorithm in ["HS512", "RS256", "hs256", ""] {
            let token = signedToken(header: #"{"alg":"\#(algorithm)","typ":"JWT"}"#, claims: claimsJSON(tid: tenantID.uuidString))
            assertRejected(token)
        }
    }

    func testExpiredTokenReportsExpiry() throws {
        let token = try service().issue(ownerPrincipal(validFor: 600))

        assertRejected(token, by: service(at: issuedAt.addingTimeInterval(601)), code: "auth.token_expired")
        assertRejected(token, by: service(at: issuedAt.addingTimeInterval(600)), code: "auth.token_expired")
        XCTAssertNoThrow(try service(at: issuedAt.addingTimeInterval(599)).verify(token))
    }

    func testGarbageIsRejected() {
        for garbage in ["", "abc", "a.b", "a.b.c.d", "!!!.###.$$$", "..", "eyJ.eyJ.eyJ", String(repeating: "a", count: 9000)] {
            assertRejected(garbage)
        }
    }

    func testOtherIssuerIsRejected() throws {
        let token = try service(issuer: "someone-else").issue(ownerPrincipal())
        assertRejected(token)
    }

    func testUnknownRoleIsRejected() {
        assertRejected(signedToken(header: #"{"alg":"HS256","typ":"JWT"}"#, claims: claimsJSON(role: "root", tid: tenantID.uuidString)))
    }

    func testTenantRoleWithoutTenantIsRejected() {
        assertRejected(signedToken(header: #"{"alg":"HS256","typ":"JWT"}"#, claims: claimsJSON(role: "staff")))
    }

    func testIssueRejectsTenantRoleWithoutTenant() {
        var principal = ownerPrincipal()
        principal.tenantID = nil

        XCTAssertThrowsError(try service().issue(principal)) { error in
            XCTAssertEqual((error as? AppError)?.code, "auth.tenant_missing")
        }
    }
}
