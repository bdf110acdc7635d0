import CommonKernel
import Foundation
import Synchronization
import TenantCore
import XCTest

/// Revocations kept in memory, optionally failing every write.
private final class MemoryRevocations: TokenRevocations {
    private let instants = Mutex<[UUID: Date]>([:])
    let failsWrites: Bool

    init(failsWrites: Bool = false) { self.failsWrites = failsWrites }

    func revokeTokens(of userID: UUID, issuedBefore instant: Date) throws {
        if failsWrites { throw AppError(.unavailable, code: "test.unavailable", detail: "The store is down.") }
        instants.withLock { $0[userID] = instant }
    }

    func revocationInstant(of userID: UUID) throws -> Date? { instants.withLock { $0[userID] } }
}

final class ChangePasswordTests: XCTestCase {
    private let changedAt = Date(timeIntervalSince1970: 1_796_400_000.5)

    private var scope: RequestScope?

    private func owner(of fixture: TenantFixture) throws -> (Principal, String) {
        let created = try fixture.create("pwshop")
        scope = .tenant(created.tenant.record(plan: InMemoryTenantStore.standardPlans[0]))
        let principal = Principal(
            userID: created.owner.id, role: .owner, tenantID: created.tenant.id, email: created.owner.email,
            expiresAt: changedAt.addingTimeInterval(3600))
        return (principal, "generated-password")
    }

    func testChangeRevokesEarlierTokens() throws {
        let fixture = TenantFixture()
        let revocations = MemoryRevocations()
        let (principal, current) = try owner(of: fixture)
        let change = ChangePassword(users: fixture.store, hasher: PlainPasswordHasher(), revocations: revocations,
                                    now: { [changedAt] in changedAt })
        try change(principal: principal, currentPassword: current, newPassword: "a long new passphrase")

        XCTAssertEqual(try revocations.revocationInstant(of: principal.userID), changedAt)
    }

    func testWrongPasswordRevokesNothing() throws {
        let fixture = TenantFixture()
        let revocations = MemoryRevocations()
        let (principal, _) = try owner(of: fixture)
        let change = ChangePassword(users: fixture.store, hasher: PlainPasswordHasher(), revocations: revocations)

        XCTAssertThrowsError(try change(principal: principal, currentPassword: "wrong one", newPassword: "a long new passphrase"))
        XCTAssertNil(try revocations.revocationInstant(of: principal.userID))
    }

    func testFailedRevocationIsUnavailable() throws {
        let fixture = TenantFixture()
        let (principal, current) = try owner(of: fixture)
        let change = ChangePassword(users: fixture.store, hasher: PlainPasswordHasher(),
                                    revocations: MemoryRevocations(failsWrites: true))

        XCTAssertThrowsError(try change(principal: principal, currentPassword: current, newPassword: "a long new passphrase")) { error in
            XCTAssertEqual((error as? AppError)?.kind, .unavailable)
            XCTAssertEqual((error as? AppError)?.code, "auth.revocation_unavailable")
        }
    }

    func testLoginTokensFallOnEitherSideOfChange() throws {
        let fixture = TenantFixture()
        let revocations = MemoryRevocations()
        let (principal, current) = try owner(of: fixture)
        let scope = try XCTUnwrap(scope)
        func logIn(_ password: String, at instant: Date) throws -> Principal {
            let logIn = LogIn(users: fixture.store, hasher: PlainPasswordHasher(), tokens: JSONTokenService(),
                                  now: { instant })
            return try logIn(email: principal.email, password: password, scope: scope).principal
        }
        let before = try logIn(current, at: changedAt.addingTimeInterval(-0.001))
        let change = ChangePassword(users: fixture.store, hasher: PlainPasswordHasher(), revocations: revocations,
                                    now: { [changedAt] in changedAt })
        try change(principal: principal, currentPassword: current, newPassword: "a long new passphrase")
        let after = try logIn("a long new passphrase", at: changedAt)

        let instant = try revocations.revocationInstant(of: principal.userID)
        XCTAssertTrue(TokenRevocationRule.isRevoked(issuedAt: before.issuedAt, revokedBefore: instant))
        XCTAssertFalse(TokenRevocationRule.isRevoked(issuedAt: after.issuedAt, revokedBefore: instant))
    }
}
