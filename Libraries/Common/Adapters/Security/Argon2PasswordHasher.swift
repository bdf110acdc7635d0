import CArgon2
import CommonKernel

/// Hashes passwords with Argon2id (RFC 9106) through libargon2, with a fresh 16-byte salt each time.
///
/// The encoded hash has the PHC string form `$argon2id$v=19$m=…,t=…,p=…$salt$hash`, so hashes
/// made with other cost parameters still verify after the defaults change.
public struct Argon2PasswordHasher: PasswordHasher {
    static let saltLength = 16
    static let hashLength = 32

    private let timeCost: UInt32
    private let memoryKiB: UInt32
    private let parallelism: UInt32

    /// Creates a hasher with the given cost: memory in KiB, passes over it, and lanes.
    public init(timeCost: UInt32 = 2, memoryKiB: UInt32 = 19_456, parallelism: UInt32 = 1) {
        self.timeCost = timeCost
        self.memoryKiB = memoryKiB
        self.parallelism = parallelism
    }

    /// Returns the encoded hash of `password`.
    ///
    /// Throws `AppError(.internal, code: "password.hash_failed")` when libargon2 rejects the cost
    /// parameters or cannot allocate its memory.
    public func hash(_ password: String) throws -> String {
        let salt = SecureRandom.bytes(Self.saltLength)
        let encodedLength = argon2_encodedlen(
            timeCost, memoryKiB, parallelism, UInt32(Self.saltLength), UInt32(Self.hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: encodedLength)

        let status = Array(password.utf8).withUnsafeBytes { passwordBuffer in
            argon2id_hash_encoded(
                timeCost, memoryKiB, parallelism, passwordBuffer.baseAddress, passwordBuffer.count,
                salt, salt.count, Self.hashLength, &encoded, encodedLength)
        }
        guard status == ARGON2_OK.rawValue else {
            let reason = String(cString: argon2_error_message(status))
            throw AppError(.internal, code: "password.hash_failed", detail: "Argon2id hashing failed: \(reason).")
        }
        let bytes = encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Returns whether `password` matches `encodedHash`, and false for a malformed or non-Argon2id hash.
    ///
    /// libargon2 compares the hashes in constant time.
    public func verify(_ password: String, against encodedHash: String) -> Bool {
        guard encodedHash.hasPrefix("$argon2id$") else { return false }
        let status = Array(password.utf8).withUnsafeBytes { passwordBuffer in
            argon2id_verify(encodedHash, passwordBuffer.baseAddress, passwordBuffer.count)
        }
        return status == ARGON2_OK.rawValue
    }
}
