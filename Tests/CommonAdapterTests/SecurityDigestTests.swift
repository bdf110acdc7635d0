@testable import CommonAdapters
import XCTest

final class SecurityDigestTests: XCTestCase {
    func testSHA256KnownVectors() {
        XCTAssertEqual(
            Digest.sha256Hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            Digest.sha256Hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            Digest.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    // RFC 4231 test cases 1 and 2.
    func testHMACSHA256KnownVectors() {
        let first = Digest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        XCTAssertEqual(Digest.hex(first), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")

        let second = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        XCTAssertEqual(Digest.hex(second), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    // RFC 4231 test cases 3, 6 and 7: data longer than the key, and keys longer than the 64-byte
    // block, which HMAC hashes first.
    func testHMACSHA256WithLongKeysAndData() {
        let third = Digest.hmacSHA256(
            key: [UInt8](repeating: 0xaa, count: 20), message: [UInt8](repeating: 0xdd, count: 50))
        XCTAssertEqual(Digest.hex(third), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")

        let longKey = [UInt8](repeating: 0xaa, count: 131)
        let sixth = Digest.hmacSHA256(
            key: longKey, message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        XCTAssertEqual(Digest.hex(sixth), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")

        let seventh = Digest.hmacSHA256(
            key: longKey,
            message: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm.").utf8))
        XCTAssertEqual(Digest.hex(seventh), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    func testHMACWithEmptyKeyMatchesZeroLengthKey() {
        // HMAC pads the key with zeros, so an empty key equals a one-zero-byte key.
        let empty = Digest.hmacSHA256(key: [], message: Array("message".utf8))
        XCTAssertEqual(empty.count, 32)
        XCTAssertEqual(empty, Digest.hmacSHA256(key: [0], message: Array("message".utf8)))
    }

    func testConstantTimeEqual() {
        XCTAssertTrue(Digest.constantTimeEqual([], []))
        XCTAssertTrue(Digest.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(Digest.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(Digest.constantTimeEqual([1, 2, 3], [1, 2]))
        XCTAssertFalse(Digest.constantTimeEqual([], [0]))
    }

    func testRandomBytesHaveLengthAndVary() {
        XCTAssertEqual(SecureRandom.bytes(0), [])
        XCTAssertEqual(SecureRandom.bytes(32).count, 32)
        XCTAssertNotEqual(SecureRandom.bytes(32), SecureRandom.bytes(32))
    }

    func testTokenUsesURLSafeAlphabet() {
        let token = SecureRandom.token(length: 2000)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

        XCTAssertEqual(token.count, 2000)
        XCTAssertTrue(token.allSatisfy { allowed.contains($0) }, token)
        XCTAssertGreaterThan(Set(token).count, 50, "2000 draws should hit nearly all 64 characters")
        XCTAssertNotEqual(SecureRandom.token(length: 24), SecureRandom.token(length: 24))
    }
}
