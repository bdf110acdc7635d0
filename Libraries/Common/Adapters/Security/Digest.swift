import CCryptoShim
import COpenSSL

/// SHA-256, HMAC-SHA256 and constant-time comparison from OpenSSL.
///
/// The digests run OpenSSL's SHA-256 block functions through `CCryptoShim`, which composes HMAC
/// (RFC 2104) from them. The EVP interface and the one-shot `HMAC()` would set up OpenSSL 3's
/// default provider on first use, which keeps about 2 MB more of libcrypto resident in every
/// service that checks a token.
public enum Digest {
    /// The length of a SHA-256 digest and of an HMAC-SHA256, in bytes.
    public static let sha256Length = 32

    /// Returns the SHA-256 digest of `bytes` as 64 lower-case hexadecimal characters.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: sha256Length)
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                ccrypto_sha256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return hex(digest)
    }

    /// Returns the 32-byte HMAC-SHA256 of `message` under `key`. An empty key is allowed.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: sha256Length)
        key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                mac.withUnsafeMutableBufferPointer { output in
                    ccrypto_hmac_sha256(
                        keyBuffer.baseAddress, keyBuffer.count, messageBuffer.baseAddress, messageBuffer.count,
                        output.baseAddress)
                }
            }
        }
        return mac
    }

    /// Compares two byte strings in time that depends only on their length.
    ///
    /// Returns false at once when the lengths differ, so only the length can leak through timing.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, a.count) == 0
            }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
