import CCryptoShim

/// Random bytes and tokens from the kernel's CSPRNG (getrandom(2)), for salts, secrets,
/// passwords and tokens.
public enum SecureRandom {
    /// The alphabet of `token(length:)`: the 64 URL-safe base64 characters.
    static let tokenAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Returns `count` bytes from getrandom(2). OpenSSL's `RAND_bytes` would set up its default
    /// provider on first use, which keeps about 2 MB more of libcrypto resident.
    ///
    /// Traps when the CSPRNG fails, because carrying on with predictable bytes would be worse
    /// than stopping the process.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes needs a non-negative count")
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            ccrypto_random_bytes(buffer.baseAddress, count)
        }
        guard status == 1 else { fatalError("getrandom failed, so no secure random bytes are available") }
        return bytes
    }

    /// Returns a random string of `length` characters from `A-Z a-z 0-9 - _`, each carrying 6 bits.
    ///
    /// The characters need no escaping in URLs, headers or JSON.
    public static func token(length: Int) -> String {
        // 256 is a multiple of 64, so masking a byte to 6 bits keeps every character equally likely.
        let characters = bytes(length).map { tokenAlphabet[Int($0 & 63)] }
        return String(decoding: characters, as: UTF8.self)
    }
}
