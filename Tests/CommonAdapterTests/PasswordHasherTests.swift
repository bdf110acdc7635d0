import CommonAdapters
import XCTest

final class PasswordHasherTests: XCTestCase {
    // Small costs keep the suite fast; the encoding embeds them, so verification is unchanged.
    private let hasher = Argon2PasswordHasher(timeCost: 1, memoryKiB: 1024, parallelism: 1)

    func testRightPasswordVerifies() throws {
        let hash = try hasher.hash("correct horse battery staple")
        XCTAssertTrue(hasher.verify("correct horse battery staple", against: hash))
    }

    func testWrongPasswordFails() throws {
        let hash = try hasher.hash("correct horse battery staple")
        XCTAssertFalse(hasher.verify("correct horse battery stapler", against: hash))
        XCTAssertFalse(hasher.verify("", against: hash))
    }

    func testSaltsDiffer() throws {
        let first = try hasher.hash("same password")
        let second = try hasher.hash("same password")

        XCTAssertNotEqual(first, second)
        XCTAssertTrue(hasher.verify("same password", against: second))
    }

    func testEncodingNamesArgon2idAndCost() throws {
        let hash = try hasher.hash("pässwörd ✓")

        XCTAssertTrue(hash.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$"), hash)
        XCTAssertTrue(hasher.verify("pässwörd ✓", against: hash))
    }

    func testDefaultCostHashVerifiesWithAnyHasher() throws {
        let hash = try Argon2PasswordHasher().hash("secret")

        XCTAssertTrue(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"), hash)
        XCTAssertTrue(hasher.verify("secret", against: hash))
    }

    func testMalformedHashesFail() throws {
        let argon2i = try hasher.hash("secret").replacingOccurrences(of: "$argon2id$", with: "$argon2i$")
        for malformed in ["", "plain", "$argon2id$", "$argon2id$v=19$m=1024,t=1,p=1$AAAA$BBBB", argon2i] {
            XCTAssertFalse(hasher.verify("secret", against: malformed), malformed)
        }
    }

    func testInvalidCostThrows() {
        let broken = Argon2PasswordHasher(timeCost: 0, memoryKiB: 1024, parallelism: 1)
        XCTAssertThrowsError(try broken.hash("secret"))
    }
}
